package afterhours.support;

import java.io.InputStream;
import java.util.Arrays;

/** A stream of {@code size} copies of one byte, made as it is read: a huge request body that costs no memory. */
public final class Filler extends InputStream {
    private final byte value;
    private long left;

    public Filler(long size, char value) {
        this.left = size;
        this.value = (byte) value;
    }

    @Override
    public int read() {
        return left-- > 0 ? value : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, value);
        left -= n;
        return n;
    }
}
