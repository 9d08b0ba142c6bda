package dev.segmentation.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.Transactions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzz tests of the CSV tokenizer and the transaction reader (Jazzer). Without {@code JAZZER_FUZZ}
 * they replay the seed corpus in {@code src/test/resources/dev/segmentation/io/CsvReaderFuzzTestInputs/<method>/}
 * as regression tests; see {@code segmentation-io/FUZZING.md} for the fuzzing command.
 *
 * <p>Oracle: a result, or a typed exception ({@link CsvFormatException} and other {@link IOException}s for
 * structural faults, {@link IllegalArgumentException} for a bad row under FAIL); any other exception, or a hang, is
 * a finding.
 */
class CsvReaderFuzzTest {
    private static final Charset[] CHARSETS = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
        StandardCharsets.US_ASCII, StandardCharsets.UTF_16LE};
    private static final String[] PATTERNS = {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "dd.MM.yyyy",
        "yyyy-MM-dd'T'HH:mmXXX", "yyyy-MM-dd HH:mm VV", "M/d/yyyy H:mm"};

    /**
     * The first byte chooses the delimiter (bit 0: ',' or whitespace mode), the initial buffer (bits 1-3) and
     * fixed-width mode with widths 3, 1, 4, 2 (bit 4, over the delimiter); the rest is the input. Every field of
     * every record is read back.
     */
    @FuzzTest(maxDuration = "5m")
    void tokenizer(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int cfg = data[0] & 0xff;
        byte delimiter = (cfg & 1) == 0 ? (byte) ',' : CsvTokenizer.WHITESPACE;
        int buffer = 4 << ((cfg >> 1) & 7);
        ByteArrayInputStream in = new ByteArrayInputStream(data, 1, data.length - 1);
        CsvTokenizer t = (cfg & 16) != 0
                ? new CsvTokenizer(in, new int[] {3, 1, 4, 2}, "fuzz.txt", buffer, 4096)
                : new CsvTokenizer(in, delimiter, "fuzz.csv", buffer, 4096);
        try {
            long lastLine = 0;
            while (t.next()) {
                if (t.recordLine() <= lastLine || t.fieldCount() < 1) {
                    throw new AssertionError("line " + t.recordLine() + " after " + lastLine + ", "
                            + t.fieldCount() + " fields");
                }
                lastLine = t.recordLine();
                for (int i = 0; i < t.fieldCount(); i++) {
                    byte[] b = t.bytes(i);
                    if (t.from(i) < 0 || t.to(i) < t.from(i) || t.to(i) > b.length) {
                        throw new AssertionError("field " + i + " out of bounds");
                    }
                    t.string(i, StandardCharsets.UTF_8);
                }
            }
        } catch (CsvFormatException expected) {
            // a structural fault, reported with a line
        } catch (IOException e) {
            throw new AssertionError("an in-memory stream failed", e);
        }
    }

    /**
     * The first byte chooses the policy (bit 0), the delimiter (bit 1: ',' or whitespace), the header (bit 2), the
     * charset (bits 3-4) and the pattern (bits 5-7, modulo); the rest is the file (gzip when it starts so).
     */
    @FuzzTest(maxDuration = "10m")
    void transactionReader(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int cfg = data[0] & 0xff;
        boolean header = (cfg & 4) == 0;
        CsvTransactionReader.Builder b = CsvTransactionReader.builder()
                .onInvalidRow((cfg & 1) == 0 ? InvalidRowPolicy.SKIP : InvalidRowPolicy.FAIL)
                .charset(CHARSETS[(cfg >> 3) & 3])
                .header(header)
                .maxRecordBytes(4096)
                .dstGap((cfg & 32) == 0 ? DstGap.REJECT : DstGap.SHIFT_FORWARD);
        if ((cfg & 2) != 0) {
            b.whitespaceDelimited();
        }
        String pattern = PATTERNS[(cfg >> 5) % PATTERNS.length];
        if (header) {
            b.entity("id", "store").timestamp("when", pattern).quantity("qty").unitPrice("price").item("item")
                    .attribute("a", "a");
        } else {
            b.entity("1").timestamp("2", pattern).order("3").amount("4").category("5");
        }
        CsvTransactionReader r = b.build();
        try {
            Transactions t = r.read(new ByteArrayInputStream(Arrays.copyOfRange(data, 1, data.length)), "fuzz.csv");
            for (int i = 0; i < t.size(); i++) {
                if (!Double.isFinite(t.amount(i)) || !Double.isFinite(t.quantity(i))) {
                    throw new AssertionError("row " + i + " is not finite");
                }
                if (Texts.isBlank(t.entityId(t.entityOf(i))) || Texts.isBlank(t.orderId(i))) {
                    throw new AssertionError("blank id accepted at row " + i);
                }
            }
        } catch (IllegalArgumentException | IOException expected) {
            // a bad row under FAIL, every row rejected under SKIP, or a structural fault
        }
    }
}
