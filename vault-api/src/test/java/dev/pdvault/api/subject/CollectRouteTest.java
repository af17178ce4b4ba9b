package dev.pdvault.api.subject;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests {@link CollectRoute} answers itself; everything else goes on to the dispatcher. */
class CollectRouteTest {

    private static final String ID = "0b0e6f5c-6c1e-4c3a-9a53-3f1f2d4e5a6b";

    @Test
    void answersAPostOfARecordForAPlainSubjectId() {
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/" + ID + "/records")).isEqualTo(ID);
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/not-a-uuid/records"))
                .as("a plain id that is not a subject id is the controller's to refuse").isEqualTo("not-a-uuid");
    }

    @Test
    void leavesEverythingElseToTheDispatcher() {
        assertThat(CollectRoute.subjectOf("GET", "/v1/subjects/" + ID + "/records")).isNull();
        assertThat(CollectRoute.subjectOf("PUT", "/v1/subjects/" + ID + "/records")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects//records")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/" + ID + "/records/")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/" + ID + "/records/x/completion")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/" + ID + "/consents")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/a/b/records")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/%30b0e/records")).as("encoded").isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/" + ID + ";x=1/records")).as("matrix").isNull();
        assertThat(CollectRoute.subjectOf("POST", "/v1/subjects/../subjects/" + ID + "/records")).isNull();
        assertThat(CollectRoute.subjectOf("POST", "/api/v1/subjects/" + ID + "/records")).isNull();
        assertThat(CollectRoute.subjectOf("POST", null)).isNull();
    }
}
