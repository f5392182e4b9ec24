package org.kycsuite.accounts.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.kycsuite.accounts.outbox.Outbox;
import org.kycsuite.accounts.problem.FieldError;
import org.kycsuite.accounts.problem.Problem;
import org.kycsuite.accounts.problem.ProblemException;
import org.kycsuite.events.Address;
import org.kycsuite.events.Applicant;
import org.kycsuite.events.CountryCode;
import org.kycsuite.events.DocumentNumber;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityDocument;
import org.kycsuite.events.Money;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.Product;

/**
 * Submitting an application: validate it, store it and its "New account requested" event in one
 * transaction. With an idempotency key, a retry of the same request returns the first result and a
 * different request under a used key is refused.
 */
@ApplicationScoped
public class ApplicationSubmission {

    private static final Logger LOG = Logger.getLogger(ApplicationSubmission.class);
    private static final int MAX_KEY_LENGTH = 200;

    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json;

    public ApplicationSubmission(Outbox outbox, Clock clock, ObjectMapper json) {
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    /** The stored application, and whether it is the result of an earlier submission with the same key. */
    public record Result(Application application, boolean replayed) {
    }

    @Transactional
    public Result submit(ApplicationRequest request, String requestedBy, String idempotencyKey) {
        List<FieldError> errors = ApplicationValidator.validate(request, clock);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            errors = new ArrayList<>(errors);
            errors.add(new FieldError("Idempotency-Key", "header must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("Invalid application", errors.size() + " field(s) are invalid",
                    errors));
        }
        String hash = hash(request);
        if (idempotencyKey != null) {
            Optional<Result> earlier = earlier(requestedBy, idempotencyKey, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Application application = store(request, requestedBy, idempotencyKey, hash);
        return new Result(application, false);
    }

    /** After a concurrent submission with the same key won the race: its result. */
    @Transactional
    public Optional<Result> earlier(String requestedBy, String idempotencyKey, ApplicationRequest request) {
        return earlier(requestedBy, idempotencyKey, hash(request));
    }

    private Optional<Result> earlier(String requestedBy, String idempotencyKey, String hash) {
        return Application.findByIdempotencyKey(requestedBy, idempotencyKey).map(existing -> {
            if (!hash.equals(existing.requestHash)) {
                throw new ProblemException(Problem.of(422, "Unprocessable Content",
                        "Idempotency-Key was already used for a different request"));
            }
            return new Result(existing, true);
        });
    }

    private Application store(ApplicationRequest request, String requestedBy, String idempotencyKey, String hash) {
        // The database keeps microseconds: so does every timestamp shown, first time and replayed.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        NewAccountRequested detail = toDetail(id, request, requestedBy, now);
        Application application = new Application();
        application.id = id;
        application.status = ApplicationStatus.SUBMITTED;
        application.givenName = detail.applicant().givenName();
        application.familyName = detail.applicant().familyName();
        application.requestJson = EventContracts.toValidatedJson(detail);
        application.requestedBy = requestedBy;
        application.branch = request.branch();
        application.idempotencyKey = idempotencyKey;
        application.requestHash = hash;
        application.submittedAt = now;
        application.updatedAt = now;
        application.persist();
        outbox.append(detail);
        // Surface a duplicate idempotency key here, inside the method, rather than at commit.
        Application.flush();
        MDC.put("applicationId", id.toString());
        try {
            LOG.infof("Application %s submitted by %s", id, requestedBy);
        } finally {
            MDC.remove("applicationId");
        }
        return application;
    }

    private static NewAccountRequested toDetail(UUID id, ApplicationRequest request, String requestedBy,
                                                Instant now) {
        ApplicationRequest.Applicant a = request.applicant();
        ApplicationRequest.Address address = a.address();
        ApplicationRequest.Document document = a.document();
        Applicant applicant = new Applicant(a.givenName().strip(), a.familyName().strip(),
                LocalDate.parse(a.dateOfBirth()), CountryCode.of(a.nationality()),
                CountryCode.of(a.countryOfResidence()), a.email(), a.phone(),
                new Address(address.line1(), address.line2(), address.city(), address.postalCode(),
                        CountryCode.of(address.country())),
                new IdentityDocument(IdentityDocument.Type.valueOf(document.type()),
                        DocumentNumber.of(document.number()), CountryCode.of(document.issuingCountry()),
                        LocalDate.parse(document.expiryDate())),
                a.occupation(), a.politicallyExposed());
        return new NewAccountRequested(id, EventDetail.CURRENT_SCHEMA_VERSION, applicant,
                new Product(Product.Type.valueOf(request.product().type()), request.product().currency()),
                money(request.initialDeposit()), money(request.expectedMonthlyVolume()), requestedBy,
                request.branch(), now);
    }

    private static Money money(ApplicationRequest.Money money) {
        return new Money(new BigDecimal(money.amount()), money.currency());
    }

    private String hash(ApplicationRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
