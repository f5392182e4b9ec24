-- A decision is recorded before it is sent to the workflow; delivery says whether Step Functions took it.
-- delivery_attempts counts SendTaskSuccess calls made (counted before each call), so a refusal can be
-- told apart: refused on the only call ever made -> the workflow never got the decision (EXPIRED);
-- refused after an earlier call -> that call may have been taken, the decision stands (REFUSED).
alter table review add column delivery varchar(20);
alter table review add column delivery_attempts integer not null default 0;
update review set delivery = 'DELIVERED' where status in ('APPROVED', 'REJECTED');
create index review_delivery on review (delivery, decided_at);
