package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.Transactions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The entity id joined from several columns is injective: two rows share an entity exactly when every part does. */
class CompositeKeyProperties {

    @Provide
    Arbitrary<String> parts() {
        // the separator, the escape character and ordinary text, in every arrangement
        return Arbitraries.strings().withChars('1', '_', '\\', 'x').ofMinLength(1).ofMaxLength(5)
                .filter(s -> !s.isBlank());
    }

    @Property(tries = 500)
    void differentPartsNeverShareAnEntity(@ForAll("parts") String a1, @ForAll("parts") String b1,
            @ForAll("parts") String a2, @ForAll("parts") String b2) throws IOException {
        String csv = "a,b,when,amount\n" + a1 + "," + b1 + ",2020-01-02,1\n" + a2 + "," + b2 + ",2020-01-02,1\n";
        Transactions t = CsvTransactionReader.builder().entity("a", "b").timestamp("when", "yyyy-MM-dd")
                .amount("amount").build().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "p.csv");
        boolean same = a1.equals(a2) && b1.equals(b2);
        assertEquals(same ? 1 : 2, t.entityCount(), () -> "(" + a1 + ", " + b1 + ") and (" + a2 + ", " + b2 + ")");
    }
}
