package org.kycsuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kycsuite.events.EventTypes;
import org.kycsuite.localrun.LocalSuite;
import org.kycsuite.localrun.SuiteSettings;

/**
 * Crashes (SIGKILL) in the middle of the flow: every application still reaches exactly one outcome,
 * nothing is lost and nothing is done twice.
 */
@ExtendWith(RunningSuite.class)
class ResilienceIT {

    private static final int APPLICATIONS = 3;

    private static SuiteApi api;

    @BeforeAll
    static void connect() {
        api = new SuiteApi(RunningSuite.suite().settings());
    }

    @Test
    void localCloudKilledAndRestartedMidFlowLosesNothing() throws Exception {
        List<String> ids = submitSeveral();

        crashAndRestart(SuiteSettings.LOCAL_CLOUD);

        assertEachOpenedExactlyOnce(ids);
    }

    @Test
    void eachServiceKilledAndRestartedMidFlowLosesNothing() throws Exception {
        List<String> ids = new ArrayList<>(submitSeveral());
        crashAndRestart(SuiteSettings.ACCOUNTS);
        ids.addAll(submitSeveral());
        crashAndRestart(SuiteSettings.KYC);
        ids.addAll(submitSeveral());
        crashAndRestart(SuiteSettings.CUSTOMER_SERVICE);

        assertEachOpenedExactlyOnce(ids);
    }

    private static List<String> submitSeveral() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            ids.add(api.submit(Applicants.lowRisk()));
        }
        return ids;
    }

    private static void crashAndRestart(String process) throws Exception {
        LocalSuite suite = RunningSuite.suite();
        suite.kill(process);
        suite.start(process);
    }

    private static void assertEachOpenedExactlyOnce(List<String> ids) {
        for (String id : ids) {
            JsonPath application = api.awaitOutcomeApprovingReviews(id);
            assertThat(application.getString("status")).as(id).isEqualTo("OPENED");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                List<String> types = api.caseOf(id).getList("timeline.detailType", String.class);
                assertThat(Collections.frequency(types, EventTypes.NEW_ACCOUNT_REQUESTED)).as(id).isEqualTo(1);
                assertThat(Collections.frequency(types, EventTypes.NEW_ACCOUNT_APPROVED)).as(id).isEqualTo(1);
                assertThat(Collections.frequency(types, EventTypes.ACCOUNT_OPENED)).as(id).isEqualTo(1);
                assertThat(types).doesNotContain(EventTypes.NEW_ACCOUNT_REJECTED);
            });
        }
    }
}
