package dev.segmentation.supervised;

import dev.segmentation.state.StepState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-only binary file of a {@link StepState} (segmentation-io persists whole segmentation models, not single
 * steps): type, version, parameters, double arrays, int arrays and string lists, each tagged. Exact for every value.
 */
public final class StateFiles {
    private StateFiles() {
    }

    public static void write(StepState s, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF(s.type());
            out.writeInt(s.version());
            out.writeInt(s.parameters().size());
            for (Map.Entry<String, Object> e : s.parameters().entrySet()) {
                out.writeUTF(e.getKey());
                Object v = e.getValue();
                if (v instanceof Long) {
                    out.writeByte('L');
                    out.writeLong((Long) v);
                } else if (v instanceof Double) {
                    out.writeByte('D');
                    out.writeDouble((Double) v);
                } else {
                    out.writeByte('S');
                    out.writeUTF((String) v);
                }
            }
            out.writeInt(s.doubleArrayNames().size());
            for (String name : s.doubleArrayNames()) {
                out.writeUTF(name);
                double[] a = s.doubles(name);
                out.writeInt(a.length);
                for (double x : a) {
                    out.writeDouble(x);
                }
            }
            out.writeInt(s.intArrayNames().size());
            for (String name : s.intArrayNames()) {
                out.writeUTF(name);
                int[] a = s.ints(name);
                out.writeInt(a.length);
                for (int x : a) {
                    out.writeInt(x);
                }
            }
            out.writeInt(s.stringListNames().size());
            for (String name : s.stringListNames()) {
                out.writeUTF(name);
                List<String> a = s.strings(name);
                out.writeInt(a.size());
                for (String x : a) {
                    out.writeUTF(x);
                }
            }
        }
    }

    public static StepState read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            StepState.Builder b = StepState.builder(in.readUTF(), in.readInt());
            for (int n = in.readInt(), i = 0; i < n; i++) {
                String name = in.readUTF();
                int tag = in.readByte();
                if (tag == 'L') {
                    b.put(name, in.readLong());
                } else if (tag == 'D') {
                    b.put(name, in.readDouble());
                } else {
                    b.put(name, in.readUTF());
                }
            }
            for (int n = in.readInt(), i = 0; i < n; i++) {
                String name = in.readUTF();
                double[] a = new double[in.readInt()];
                for (int j = 0; j < a.length; j++) {
                    a[j] = in.readDouble();
                }
                b.put(name, a);
            }
            for (int n = in.readInt(), i = 0; i < n; i++) {
                String name = in.readUTF();
                int[] a = new int[in.readInt()];
                for (int j = 0; j < a.length; j++) {
                    a[j] = in.readInt();
                }
                b.put(name, a);
            }
            for (int n = in.readInt(), i = 0; i < n; i++) {
                String name = in.readUTF();
                List<String> a = new ArrayList<>();
                for (int j = in.readInt(); j > 0; j--) {
                    a.add(in.readUTF());
                }
                b.putStrings(name, a);
            }
            return b.build();
        }
    }
}
