package fi.kivaq.dsr.verification;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fi.kivaq.dsr.shared.ProcessVariables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract between identity-proof.bpmn and the processes that open with it, read from the BPMN files (no
 * engine): each calls it first, passes the business key and exactly the id and the two proof flags, takes back only
 * {@link IdentityProofProcess#IDENTITY_PROVEN}, and decides on that flag right after the call.
 */
class IdentityProofCallersTest {

    @ParameterizedTest
    @ValueSource(strings = {"bpmn/access.bpmn", "bpmn/erasure.bpmn", "bpmn/rectification.bpmn"})
    void opensWithTheIdentityProofAndGoesOnByItsFlag(String resource) throws Exception {
        BpmnModelInstance model;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            model = Bpmn.readModelFromStream(in);
        }
        List<CallActivity> calls = model.getModelElementsByType(CallActivity.class).stream()
                .filter(call -> IdentityProofProcess.KEY.equals(call.getCalledElement())).toList();
        assertThat(calls).as("one call of " + IdentityProofProcess.KEY).hasSize(1);
        CallActivity call = calls.get(0);

        StartEvent start = model.getModelElementsByType(StartEvent.class).stream()
                .filter(event -> event.getParentElement() == call.getParentElement()).findFirst().orElseThrow();
        assertThat(start.getSucceedingNodes().list()).as("the first step").containsExactly(call);

        List<CamundaIn> ins = call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
        assertThat(ins).extracting(CamundaIn::getCamundaBusinessKey).contains("#{execution.processBusinessKey}");
        Map<String, String> passed = ins.stream().filter(in -> in.getCamundaSource() != null)
                .collect(Collectors.toMap(CamundaIn::getCamundaSource, CamundaIn::getCamundaTarget));
        assertThat(passed).containsOnly(
                Map.entry(ProcessVariables.REQUEST_ID, ProcessVariables.REQUEST_ID),
                Map.entry(ProcessVariables.VERIFICATION_REQUIRED, ProcessVariables.VERIFICATION_REQUIRED),
                Map.entry(ProcessVariables.EVIDENCE_CHECK_REQUIRED, ProcessVariables.EVIDENCE_CHECK_REQUIRED));
        assertThat(ins).as("no variables=\"all\": only ids and flags cross").allMatch(in -> in.getCamundaVariables() == null);

        List<CamundaOut> outs = call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list();
        assertThat(outs).hasSize(1);
        assertThat(outs.get(0).getCamundaSource()).isEqualTo(IdentityProofProcess.IDENTITY_PROVEN);
        assertThat(outs.get(0).getCamundaTarget()).isEqualTo(IdentityProofProcess.IDENTITY_PROVEN);

        FlowNode next = call.getSucceedingNodes().singleResult();
        assertThat(next).isInstanceOf(ExclusiveGateway.class);
        assertThat(next.getOutgoing()).extracting(SequenceFlow::getConditionExpression)
                .extracting(condition -> condition.getTextContent().strip())
                .containsExactlyInAnyOrder("${" + IdentityProofProcess.IDENTITY_PROVEN + "}",
                        "${!" + IdentityProofProcess.IDENTITY_PROVEN + "}");
    }
}
