package afterhours.pbx.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/** AMI {@code DBGetTree}: every key of an AstDB family (Asterisk-Java 3.42 has no class for it). */
public final class DbGetTreeAction extends AbstractManagerAction implements EventGeneratingAction {
    private static final long serialVersionUID = 1L;
    private String family;

    public DbGetTreeAction(String family) {
        this.family = family;
    }

    @Override
    public String getAction() {
        return "DBGetTree";
    }

    public String getFamily() {
        return family;
    }

    public void setFamily(String family) {
        this.family = family;
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return DbGetTreeCompleteEvent.class;
    }
}
