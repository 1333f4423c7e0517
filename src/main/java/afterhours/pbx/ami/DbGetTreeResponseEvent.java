package afterhours.pbx.ami;

import org.asteriskjava.manager.event.ResponseEvent;

/** One key of a {@code DBGetTree} answer: {@code Key: /family/line/name}, {@code Val: value}. */
public final class DbGetTreeResponseEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;
    private String key;
    private String val;

    public DbGetTreeResponseEvent(Object source) {
        super(source);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getVal() {
        return val;
    }

    public void setVal(String val) {
        this.val = val;
    }
}
