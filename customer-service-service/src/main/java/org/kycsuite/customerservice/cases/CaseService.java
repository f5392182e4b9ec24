package org.kycsuite.customerservice.cases;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kycsuite.customerservice.timeline.TimelineEntry;

/** Search and case views for agents. */
@ApplicationScoped
public class CaseService {

    @Transactional
    public CasePage search(CaseQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.text() != null) {
            where.add("(searchName like :name escape '\\' or email like :text escape '\\'"
                    + " or lower(applicationId) like :id escape '\\')");
            params.put("name", "%" + escape(NameSearch.fold(query.text())) + "%");
            params.put("text", "%" + escape(query.text().toLowerCase(Locale.ROOT)) + "%");
            params.put("id", escape(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.status() != null) {
            where.add("status = :status");
            params.put("status", query.status());
        }
        if (query.from() != null) {
            where.add("submittedAt >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("submittedAt < :to");
            params.put("to", query.to());
        }
        String jpql = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        PanacheQuery<CaseFile> found = CaseFile.find(jpql,
                Sort.descending("updatedAt").and("applicationId"), params);
        List<CaseSummary> items = found.page(Page.of(query.page(), query.size())).list().stream()
                .map(CaseSummary::of).toList();
        return new CasePage(items, query.page(), query.size(), found.count());
    }

    @Transactional
    public Optional<CaseView> view(String applicationId) {
        return CaseFile.<CaseFile>findByIdOptional(applicationId)
                .map(file -> CaseViews.of(file, TimelineEntry.forApplication(applicationId)));
    }

    /** Searching for "100%" or "a_b" means those characters, not LIKE wildcards. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
