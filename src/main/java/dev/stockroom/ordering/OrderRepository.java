package dev.stockroom.ordering;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    /** A page of orders, newest first, with their lines: one SQL statement (the page is a subquery). */
    public List<CustomerOrder> pageWithLines(UUID before, int size) {
        String after = before == null ? "" : "where o2.id < :before ";
        var query = getEntityManager().createQuery("""
                select distinct o from CustomerOrder o left join fetch o.lines
                where o.id in (select o2.id from CustomerOrder o2 %sorder by o2.id desc limit :size)
                order by o.id desc""".formatted(after), CustomerOrder.class)
                .setParameter("size", size);
        if (before != null) {
            query.setParameter("before", before);
        }
        return query.getResultList();
    }

    public Optional<CustomerOrder> findWithLines(UUID id) {
        return getEntityManager().createQuery(
                "select o from CustomerOrder o left join fetch o.lines where o.id = :id", CustomerOrder.class)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }
}
