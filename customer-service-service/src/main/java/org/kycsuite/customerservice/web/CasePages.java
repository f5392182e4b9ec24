package org.kycsuite.customerservice.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kycsuite.customerservice.cases.CasePage;
import org.kycsuite.customerservice.cases.CaseQuery;
import org.kycsuite.customerservice.cases.CaseService;
import org.kycsuite.customerservice.cases.CaseStatus;
import org.kycsuite.customerservice.cases.CaseView;
import org.kycsuite.customerservice.cases.Roles;

/** Server-rendered pages for agents: the search at {@code /} and a case at {@code /ui/cases/{id}}. */
@Path("/")
@RolesAllowed(Roles.CS_AGENT)
@Produces(MediaType.TEXT_HTML)
public class CasePages {

    private final CaseService cases;

    CasePages(CaseService cases) {
        this.cases = cases;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SearchForm form, CasePage result, String error,
                                              List<CaseStatus> statuses);

        static native TemplateInstance caseView(CaseView view);

        static native TemplateInstance notFound(String applicationId);
    }

    /** What the agent typed, echoed back into the form. */
    public record SearchForm(String q, String status, String from, String to) {
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("status") String status,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("page") Integer page) {
        SearchForm form = new SearchForm(blank(q), blank(status), blank(from), blank(to));
        List<CaseStatus> statuses = List.of(CaseStatus.values());
        try {
            CaseQuery query = CaseQuery.parse(q, status, from, to, page, CaseQuery.DEFAULT_SIZE);
            return Templates.search(form, cases.search(query), null, statuses);
        } catch (IllegalArgumentException e) {
            return Templates.search(form, null, e.getMessage(), statuses);
        }
    }

    @GET
    @Path("ui/cases/{applicationId}")
    @Operation(hidden = true)
    public Response caseView(@PathParam("applicationId") String applicationId) {
        return cases.view(applicationId)
                .map(view -> Response.ok(Templates.caseView(view)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Templates.notFound(applicationId)).build());
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
