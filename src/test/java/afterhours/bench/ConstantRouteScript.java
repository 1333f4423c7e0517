package afterhours.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;

/** The benches' baseline: a bare Asterisk-Java {@code route} script setting the route's variables from constants. */
final class ConstantRouteScript implements NamedAgiScript {
    private final String mset;

    /** @param mset the variables as {@code MSet} takes them: {@code AH_DIAL=…,AH_MODE=…} */
    ConstantRouteScript(String mset) {
        this.mset = mset;
    }

    @Override
    public String getName() {
        return "route";
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        channel.exec("MSet", mset);
    }
}
