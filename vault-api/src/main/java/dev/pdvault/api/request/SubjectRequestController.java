package dev.pdvault.api.request;

import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Allowed;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.domain.request.api.RefusalGround;
import dev.pdvault.domain.request.api.RequestId;
import dev.pdvault.domain.request.api.RequestKind;
import dev.pdvault.domain.subject.api.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Data-subject requests (policy: V): the platform's front end (or an officer) files them for a subject; the
 * privacy officer verifies the subject's identity, then fulfils or refuses each within 15 days.
 */
@RestController
public class SubjectRequestController {

    private final SubjectRequestService requests;

    public SubjectRequestController(SubjectRequestService requests) {
        this.requests = requests;
    }

    /**
     * @param deletionGround for a deletion: one of the policy's five cases
     * @param purpose        for a consent withdrawal: the purpose (and {@code category}, for a sensitive one)
     * @param decisionReference for an automated decision's explanation: the decision's reference
     */
    public record FileRequest(@NotBlank @Size(max = 64) String kind, @Size(max = 64) String deletionGround,
                              @Size(max = 64) String purpose, @Size(max = 64) String category,
                              @Size(max = 64) String decisionReference) {
    }

    @PostMapping("/v1/subjects/{subjectId}/requests")
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER})
    public ResponseEntity<RequestView> file(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                            @PathVariable String subjectId, @Valid @RequestBody FileRequest request) {
        RequestView filed = requests.file(identity, SubjectId.of(subjectId),
                RequestProblems.parse(RequestKind.class, request.kind(), "request-kind"),
                Optional.ofNullable(request.deletionGround()), Optional.ofNullable(request.purpose()),
                Optional.ofNullable(request.category()), Optional.ofNullable(request.decisionReference()));
        return ResponseEntity.created(URI.create("/v1/requests/" + filed.requestId())).body(filed);
    }

    @GetMapping("/v1/requests/{requestId}")
    @Allowed({Role.COLLECTOR, Role.PRIVACY_OFFICER, Role.AUDITOR})
    public RequestView get(@PathVariable String requestId) {
        return requests.find(RequestId.of(requestId));
    }

    /** @param due {@code overdue} (past the due date) or {@code near} (due within the near-due period); none: all open */
    @GetMapping("/v1/requests")
    @Allowed({Role.PRIVACY_OFFICER, Role.AUDITOR})
    public RequestView.Listing open(@RequestParam(required = false) String due) {
        return new RequestView.Listing(due, requests.open(Optional.ofNullable(due)));
    }

    public record VerificationRequest(@NotBlank @Size(max = 100) String method) {
    }

    @PostMapping("/v1/requests/{requestId}/identity-verification")
    @Allowed(Role.PRIVACY_OFFICER)
    public RequestView verify(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                              @PathVariable String requestId, @Valid @RequestBody VerificationRequest request) {
        return requests.verify(identity, RequestId.of(requestId), request.method());
    }

    /**
     * @param outcome     a summary to add to the recorded outcome (no personal data)
     * @param inputs      for an automated decision: the inputs it used, named
     * @param explanation for an automated decision: the explanation given, or its reference
     */
    public record FulfilmentRequest(@Size(max = 300) String outcome, @Size(max = 32) List<String> inputs,
                                    @Size(max = 500) String explanation) {
    }

    /** Holds an export of plaintext: its {@code toString} is redacted so no debug log of a response can carry it. */
    public record FulfilmentResponse(RequestView request, SubjectExport export) {
        @Override
        public String toString() {
            return "FulfilmentResponse[" + request.requestId() + ", redacted]";
        }
    }

    @PostMapping("/v1/requests/{requestId}/fulfilment")
    @Allowed(Role.PRIVACY_OFFICER)
    public ResponseEntity<FulfilmentResponse> fulfil(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                                                     @PathVariable String requestId,
                                                     @Valid @RequestBody(required = false) FulfilmentRequest request) {
        FulfilmentRequest body = request == null ? new FulfilmentRequest(null, null, null) : request;
        SubjectRequestService.Fulfilled fulfilled = requests.fulfil(identity, RequestId.of(requestId),
                new SubjectRequestService.Fulfilment(Optional.ofNullable(body.outcome()),
                        body.inputs() == null ? List.of() : body.inputs(), Optional.ofNullable(body.explanation())));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new FulfilmentResponse(fulfilled.request(), fulfilled.export().orElse(null)));
    }

    public record RefusalRequest(@NotBlank @Size(max = 64) String ground, @NotBlank @Size(max = 500) String note) {
    }

    @PostMapping("/v1/requests/{requestId}/refusal")
    @Allowed(Role.PRIVACY_OFFICER)
    public RequestView refuse(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                              @PathVariable String requestId, @Valid @RequestBody RefusalRequest request) {
        return requests.refuse(identity, RequestId.of(requestId),
                RequestProblems.parse(RefusalGround.class, request.ground(), "refusal-ground"), request.note());
    }

    @PostMapping("/v1/requests/{requestId}/appeal")
    @Allowed(Role.COLLECTOR)
    public RequestView appeal(@RequestAttribute(AccessControl.IDENTITY) Identity identity,
                              @PathVariable String requestId) {
        return requests.appeal(identity, RequestId.of(requestId));
    }
}
