package afterhours.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.calllog.CallEvent;
import afterhours.pbx.ami.AmiCallEvents;
import java.time.Instant;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/** The PBX edge turns the library's AMI events into the call log's own events, and nothing else gets through. */
class AmiCallEventsTest {
    private static final double STAMP = 1795595840.123;

    @Test
    void theServicesVariablesBecomeTypedAssignmentsWithAsterisksTimestamp() {
        VarSetEvent v = new VarSetEvent(this);
        v.setVariable("AH_ROUTE");
        v.setValue("overflow");
        v.setLinkedId("1795595840.1");
        v.setUniqueId("1795595840.2");
        v.setTimestamp(STAMP);
        CallEvent e = AmiCallEvents.of(v);
        assertThat(e.kind()).isEqualTo(CallEvent.Kind.VARIABLE);
        assertThat(e.variable()).isEqualTo(CallEvent.Variable.ROUTE);
        assertThat(e.value()).isEqualTo("overflow");
        assertThat(e.linkedId()).isEqualTo("1795595840.1");
        assertThat(e.at()).isEqualTo(Instant.ofEpochMilli(1795595840123L));
    }

    @Test
    void otherVariablesStillCountAsActivityButCarryNoValue() {
        VarSetEvent v = new VarSetEvent(this);
        v.setVariable("DIALSTATUS");
        v.setValue("ANSWER");
        v.setLinkedId("1.1");
        CallEvent e = AmiCallEvents.of(v);
        assertThat(e.variable()).isNull();
        assertThat(e.value()).isNull();
    }

    @Test
    void agiStatusSaysTheServiceWasAskedAsTheFilteredAwayAgiStepWould() {
        VarSetEvent v = new VarSetEvent(this);
        v.setVariable("AGISTATUS");
        v.setValue("FAILURE");
        v.setLinkedId("1795595840.1");
        v.setUniqueId("1795595840.1");
        v.setExten("s");
        CallEvent e = AmiCallEvents.of(v);
        assertThat(e.kind()).isEqualTo(CallEvent.Kind.DIALPLAN_STEP);
        assertThat(e.agi()).isTrue();
        assertThat(e.variable()).isNull();
        assertThat(e.uniqueId()).isEqualTo("1795595840.1");
    }

    @Test
    void aDialplanSetOfTheDecidingLayerAndAnAgiStepAreRead() {
        NewExtenEvent set = new NewExtenEvent(this);
        set.setApplication("Set");
        set.setAppData("AH_DECIDED_BY=astdb");
        set.setExtension("0541234567");
        CallEvent e = AmiCallEvents.of(set);
        assertThat(e.kind()).isEqualTo(CallEvent.Kind.DIALPLAN_STEP);
        assertThat(e.variable()).isEqualTo(CallEvent.Variable.DECIDED_BY);
        assertThat(e.value()).isEqualTo("astdb");
        assertThat(e.exten()).isEqualTo("0541234567");
        assertThat(e.agi()).isFalse();

        NewExtenEvent agi = new NewExtenEvent(this);
        agi.setApplication("AGI");
        agi.setAppData("agi://127.0.0.1:4573/route?line=trygghetscenter");
        assertThat(AmiCallEvents.of(agi).agi()).isTrue();
        assertThat(AmiCallEvents.of(agi).variable()).isNull();
    }

    @Test
    void aDialBeginKeepsItsDestination() {
        DialBeginEvent d = new DialBeginEvent(this);
        d.setLinkedId("1.1");
        d.setUniqueId("1.1");
        d.setDestUniqueId("1.3");
        d.setDialString("reception");
        CallEvent e = AmiCallEvents.of(d);
        assertThat(e.kind()).isEqualTo(CallEvent.Kind.DIAL_BEGIN);
        assertThat(e.destUniqueId()).isEqualTo("1.3");
        assertThat(e.dialString()).isEqualTo("reception");
    }

    @Test
    void eventsTheLogDoesNotReadAreDropped() {
        assertThat(AmiCallEvents.of(new BridgeEvent(this))).isNull();
    }
}
