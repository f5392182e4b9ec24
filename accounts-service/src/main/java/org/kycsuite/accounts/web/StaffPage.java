package org.kycsuite.accounts.web;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.kycsuite.accounts.application.Application;
import org.kycsuite.accounts.application.Roles;
import org.kycsuite.accounts.outbox.OutboxStore;
import org.kycsuite.accounts.outbox.ParkedEvent;

/** The staff web page: submit an application and watch its status change (the page polls the API). */
@Path("/")
@RolesAllowed(Roles.BANK_STAFF)
public class StaffPage {

    private static final int PARKED_SHOWN = 20;

    private final Template index;
    private final SecurityIdentity identity;
    private final OutboxStore store;

    public StaffPage(Template index, SecurityIdentity identity, OutboxStore store) {
        this.index = index;
        this.identity = identity;
        this.store = store;
    }

    /** A row of the recent-applications table. */
    public record Row(String id, String name, String status, String accountNumber, String submittedAt) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        List<Row> recent = Application.<Application>findAll(Sort.descending("submittedAt"))
                .page(Page.ofSize(10)).list().stream()
                .map(a -> new Row(a.id.toString(), a.givenName + " " + a.familyName, a.status.name(),
                        a.accountNumber == null ? "" : a.accountNumber, a.submittedAt.toString()))
                .toList();
        return index.data("user", identity.getPrincipal().getName()).data("recent", recent)
                .data("parked", store.parked(PARKED_SHOWN).stream().map(ParkedEvent::of).toList());
    }
}
