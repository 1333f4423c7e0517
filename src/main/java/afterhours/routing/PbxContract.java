package afterhours.routing;

/**
 * Every name shared between the service and the dialplan: channel variables, AstDB keys and the device
 * state. Operators copy these into their PBX, so they never change.
 */
public final class PbxContract {
    private PbxContract() {
    }

    /**
     * The shipped dialplan's version, which it sets as the global variable {@link #DIALPLAN_VARIABLE}: the
     * service checks it at every AMI login, so an outdated or missing dialplan is reported, not guessed at.
     */
    public static final String DIALPLAN_VERSION = "afterhours-dialplan-3";
    public static final String DIALPLAN_VARIABLE = "AH_DIALPLAN";

    /** The Asterisk modules the shipped dialplan and the service rely on (Local channels and the core apps are built in). */
    public static final java.util.List<String> REQUIRED_MODULES = java.util.List.of("pbx_config", "res_agi", "res_speech",
            "app_dial", "app_stack", "func_db", "func_devstate", "func_callerid", "func_channel", "func_uri");

    /** AstDB family of the call spool: {@code afterhours-spool/UNIQUEID} = one call's record, written at hang-up. */
    public static final String SPOOL_FAMILY = "afterhours-spool";
    /** The spool record's format version, its first field. */
    public static final String SPOOL_VERSION = "1";

    /** The AMI actions the service sends, so its manager account needs the right to each (write = system,call). */
    public static final java.util.List<String> REQUIRED_ACTIONS = java.util.List.of("DBPut", "DBGetTree", "DBDel", "Setvar",
            "Getvar", "ModuleCheck");

    /** The FastAGI script the dialplan calls: {@code agi://HOST:PORT/route?line=LINE}. */
    public static final String ROUTE_SCRIPT = "route";
    public static final String LINE_PARAMETER = "line";

    // channel variables set by the route script
    public static final String AH_DIAL = "AH_DIAL";
    public static final String AH_MODE = "AH_MODE";
    public static final String AH_REASON = "AH_REASON";
    public static final String AH_RING_SECONDS = "AH_RING_SECONDS";
    public static final String AH_OVERFLOW = "AH_OVERFLOW";
    public static final String AH_CID_PREFIX = "AH_CID_PREFIX";
    // channel variables set by the dialplan
    public static final String AH_LINE = "AH_LINE";
    public static final String AH_DECIDED_BY = "AH_DECIDED_BY";
    public static final String AH_ROUTE = "AH_ROUTE";
    /** Set by Asterisk when AGI() returns; its VarSet tells the call log that the service was asked. */
    public static final String AGISTATUS = "AGISTATUS";

    /** AH_REASON when the script could not decide from the schedule. */
    public static final String REASON_FAILSAFE = "FAILSAFE";
    /** AH_REASON for a request naming no line or an unknown one: AH_DIAL stays empty. */
    public static final String REASON_UNKNOWN_LINE = "UNKNOWN_LINE";

    // AstDB: afterhours/LINE/{mode,dial,until,failsafe}
    public static final String ASTDB_FAMILY = "afterhours";
    public static final String KEY_MODE = "mode";
    public static final String KEY_DIAL = "dial";
    public static final String KEY_UNTIL = "until";
    public static final String KEY_FAILSAFE = "failsafe";

    /** Custom device state per line: a lamp on the reception phone. */
    public static String device(String lineId) {
        return "Custom:afterhours-" + lineId;
    }

    public static String deviceStateVariable(String lineId) {
        return "DEVICE_STATE(" + device(lineId) + ")";
    }

    public static final String DEVICE_OPEN = "NOT_INUSE";
    public static final String DEVICE_FORWARDED = "INUSE";

    public static String key(String lineId, String name) {
        return lineId + "/" + name;
    }
}
