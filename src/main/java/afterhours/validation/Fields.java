package afterhours.validation;

/** Field paths as refusals name them: {@code lines[0].hours.monday[1]}. */
public final class Fields {
    private Fields() {
    }

    /** {@code path.key}, or {@code key} at the top (and {@code path} when {@code key} is empty). */
    public static String at(String path, String key) {
        if (key.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return key;
        }
        return key.startsWith("[") ? path + key : path + "." + key;
    }

    /** {@code path[index]}. */
    public static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
