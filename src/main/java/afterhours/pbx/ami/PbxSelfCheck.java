package afterhours.pbx.ami;

import afterhours.routing.PbxContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.ListCommandsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.ModuleCheckAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * What the service relies on in the PBX, checked at every AMI login: the modules the shipped dialplan
 * needs, the dialplan itself at the version this build expects, and the manager account's right to each
 * action the service sends. Each problem is one sentence saying what to change.
 */
final class PbxSelfCheck {

    /** Sends one action and returns Asterisk's answer, an error answer included. */
    @FunctionalInterface
    interface Ami {
        ManagerResponse send(ManagerAction action) throws AmiPbxGateway.ActionFailed;
    }

    private PbxSelfCheck() {
    }

    /** The problems found; empty when the PBX has everything. */
    static List<String> run(Ami ami) throws AmiPbxGateway.ActionFailed {
        List<String> problems = new ArrayList<>();
        ManagerResponse commands = ami.send(new ListCommandsAction());
        List<String> denied = new ArrayList<>();
        for (String action : PbxContract.REQUIRED_ACTIONS) {
            if (!(commands instanceof ManagerError) && commands.getAttribute(action.toLowerCase(Locale.ROOT)) == null
                    && commands.getAttribute(action) == null) {
                denied.add(action);
            }
        }
        if (!denied.isEmpty()) {
            problems.add("the manager account may not send " + String.join(", ", denied)
                    + " (manager.conf: write = system,call)");
        }
        if (!denied.contains("ModuleCheck")) {
            List<String> missing = new ArrayList<>();
            for (String module : PbxContract.REQUIRED_MODULES) {
                if (ami.send(new ModuleCheckAction(module)) instanceof ManagerError) {
                    missing.add(module);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("modules not loaded: " + String.join(", ", missing) + " (modules.conf: load => NAME.so)");
            }
        }
        if (!denied.contains("Getvar")) {
            ManagerResponse version = ami.send(new GetVarAction(PbxContract.DIALPLAN_VARIABLE));
            String found = version instanceof ManagerError ? null : version.getAttribute("value");
            if (found == null || found.isBlank()) {
                problems.add("the afterhours dialplan is not loaded (extensions.conf: #include extensions-afterhours.conf,"
                        + " then dialplan reload)");
            } else if (!found.strip().equals(PbxContract.DIALPLAN_VERSION)) {
                problems.add("the dialplan is " + found.strip() + " but this service needs " + PbxContract.DIALPLAN_VERSION
                        + " (copy the shipped extensions-afterhours.conf, then dialplan reload)");
            }
        }
        return problems;
    }
}
