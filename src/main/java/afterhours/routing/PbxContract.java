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
    public static final String DIALPLAN_VERSION = "afterhours-dialplan-5";
    public static final String DIALPLAN_VARIABLE = "AH_DIALPLAN";

    /**
     * The global variable that chooses the layers' order: {@link #ROUTING_NATIVE} (the pushed state first, FastAGI
     * when it is missing or stale) or {@link #ROUTING_AGI} (FastAGI first). The file sets {@code native}; the service
     * sets its {@code pbx.routing} at every AMI login and puts it back when a dialplan reload changed it. The
     * Gosub's fifth argument, when given, chooses for one line.
     */
    public static final String ROUTING_VARIABLE = "AH_ROUTING";
    public static final String ROUTING_NATIVE = "native";
    public static final String ROUTING_AGI = "agi";

    /** The Asterisk modules the shipped dialplan and the service rely on (Local channels and the core apps are built in). */
    public static final java.util.List<String> REQUIRED_MODULES = java.util.List.of("pbx_config", "res_agi", "res_speech",
            "app_dial", "app_stack", "func_db", "func_devstate", "func_callerid", "func_channel", "func_uri", "func_cut",
            "func_logic");

    /** AstDB family of the call spool: {@code afterhours-spool/UNIQUEID} = one call's record, written at hang-up. */
    public static final String SPOOL_FAMILY = "afterhours-spool";
    /** The spool record's format version, its first field. */
    public static final String SPOOL_VERSION = "2";

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

    /** The dialplan's AH_STATE: the line's packed state as read with one DB(). */
    public static final String AH_STATE = "AH_STATE";

    // AstDB: afterhours/LINE/state (what calls route by) and afterhours/LINE/mode (the mode in words, as the lamp)
    public static final String ASTDB_FAMILY = "afterhours";
    /**
     * One value with everything a call needs now and in the next period, so one {@code DBPut} changes it whole:
     * {@link #STATE_FIELDS}, separated by {@link #STATE_SEPARATOR}, which no field may contain.
     */
    public static final String KEY_STATE = "state";
    /** The mode now, for people and scripts that read AstDB; calls route by {@link #KEY_STATE}. */
    public static final String KEY_MODE = "mode";
    /** The packed state's format, its first field: the dialplan takes a state of another format for missing. */
    public static final String STATE_VERSION = "1";
    public static final char STATE_SEPARATOR = '|';
    /** The packed state's fields, in order (1-based in the dialplan's {@code CUT}). */
    public static final java.util.List<String> STATE_FIELDS = java.util.List.of("version", "until", "nextStart",
            "mode", "dial", "ringSeconds", "overflow", "callerIdPrefix", "reason",
            "nextMode", "nextDial", "nextRingSeconds", "nextOverflow", "nextCallerIdPrefix", "nextReason", "failsafe");

    /**
     * The packed state of {@code fields} (in {@link #STATE_FIELDS} order, the version first).
     *
     * @throws IllegalArgumentException naming the field when one holds the separator (the dial strings and the prefix are
     *                                  validated so none can) or the count is wrong
     */
    public static String stateValue(java.util.List<String> fields) {
        if (fields.size() != STATE_FIELDS.size()) {
            throw new IllegalArgumentException("a packed state has " + STATE_FIELDS.size() + " fields, not " + fields.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).indexOf(STATE_SEPARATOR) >= 0 || fields.get(i).indexOf(',') >= 0) {
                throw new IllegalArgumentException("the state's field " + STATE_FIELDS.get(i) + " holds '"
                        + STATE_SEPARATOR + "' or ',', which the dialplan cannot split");
            }
        }
        return String.join(String.valueOf(STATE_SEPARATOR), fields);
    }

    /** Custom device state per line: a lamp on the reception phone. */
    public static String device(String lineId) {
        return "Custom:afterhours-" + lineId;
    }

    public static String deviceStateVariable(String lineId) {
        return "DEVICE_STATE(" + device(lineId) + ")";
    }

    public static final String DEVICE_OPEN = "NOT_INUSE";
    public static final String DEVICE_FORWARDED = "INUSE";

    /**
     * The global dialplan variable holding the line's packed state in memory (set with AMI Setvar, beside
     * the same value in AstDB): a call reads it without touching AstDB's database. After an Asterisk restart,
     * until the service logs in and sets it again, the dialplan reads the AstDB copy.
     */
    public static String stateVariable(String lineId) {
        return "AH_STATE_" + lineId;
    }

    public static String key(String lineId, String name) {
        return lineId + "/" + name;
    }
}
