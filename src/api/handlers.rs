//! One handler per command of the table (same name): each turns the command's input into a
//! call of the service layer and its answer into the command's view. No rules here.

use chrono::NaiveDate;

use super::inputs::*;
use super::views::*;
use super::{ApiError, Caller, DeskApi, Pdf};
use super::RegisterFile;
use crate::domain::{LineNo, ManagerRuling};
use crate::service::documents::{DocumentRequest, Printed};
use crate::service::audit::AuditFilter;
use crate::service::{DeskError, DeskVerdict, ManagerDecision, SettingsChange};
use crate::store::{ReceiptSummary, ReturnQuery};
use crate::service::queue::{Customer, QueueRequest, QueueRuling, QueuedCaseFacts as QueueFacts};

type Answer<T> = Result<T, ApiError>;

fn date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    text.parse().map_err(|_| ApiError::bad_input(field, format!("\"{text}\" is not a date like 2026-10-01")))
}

pub(super) async fn sign_in(api: &DeskApi, _: &Caller, a: SignIn) -> Answer<SessionView> {
    let (session, store) = api.desk.sign_in(&a.login, &a.pin, a.terminal.as_deref()).await?;
    let store_now = api.desk.now_in(&store)?;
    Ok(SessionView { token: session.token.clone(), user: (&session.user).into(), store: (&store).into(), terminal_id: session.terminal_id, store_now })
}

pub(super) async fn sign_out(api: &DeskApi, caller: &Caller, _: NoInput) -> Answer<Done> {
    if let Some(token) = &caller.token {
        api.desk.sign_out(token).await?;
    }
    Ok(Done {})
}

pub(super) async fn lookup_receipt(api: &DeskApi, caller: &Caller, a: Lookup) -> Answer<ReceiptView> {
    Ok(ReceiptView::from(&api.desk.lookup_at(caller.session()?, &a.code).await?))
}

pub(super) async fn find_receipts_by_card(api: &DeskApi, caller: &Caller, a: ByCard) -> Answer<Vec<ReceiptSummary>> {
    let (from, to) = (date("from", &a.from)?, date("to", &a.to)?);
    Ok(api.desk.receipts_by_card_at(caller.session()?, &a.last4, from, to).await?)
}

pub(super) async fn find_receipts_by_customer(api: &DeskApi, caller: &Caller, a: ByCustomer) -> Answer<Vec<ReceiptSummary>> {
    Ok(api.desk.receipts_by_customer_at(caller.session()?, &a.q).await?)
}

pub(super) async fn evaluate_return(api: &DeskApi, caller: &Caller, a: DraftInput) -> Answer<EvaluationView> {
    let draft = a.draft();
    let ruling = (a.preview_overrides.is_some() || a.preview_deductions.is_some()).then(|| ManagerRuling {
        grant_approvals: true,
        override_lines: a.preview_overrides.iter().flatten().map(|l| LineNo(*l)).collect(),
        deductions: a.preview_deductions.iter().flatten().map(DeductionInput::deduction).collect(),
    });
    let session = caller.session()?;
    let (context, decision) = api.desk.evaluate_for(session, &draft, ruling.as_ref(), &a.customer()).await.map_err(|e| match e {
        // A previewed ruling's fault is in the preview's fields.
        DeskError::Ruling(r) => {
            let field = r.field();
            let field = match field.strip_prefix("deductions") {
                Some(rest) => format!("preview_deductions{rest}"),
                None => "preview_overrides".to_string(),
            };
            ApiError::bad_input(field, r.to_string())
        }
        other => other.into(),
    })?;
    let explanations = context.explain(&draft.request, &decision, api.desk.now_for(session).await?);
    let settlements = api.desk.line_settlements(context.receipt.id, &decision).await?;
    let verdict = DeskVerdict::of(&decision, &context.receipt.sale.receipt, &context.receipt.history)
        .with_clerk_limit(&decision, session.user.refund_limit)
        .with_claim_settlements(&decision, &settlements);
    Ok(EvaluationView::new(decision, explanations, verdict))
}

pub(super) async fn confirm_return(api: &DeskApi, caller: &Caller, a: DraftInput) -> Answer<ReturnView> {
    let session = caller.session()?;
    let key = a
        .idempotency_key
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| ApiError::bad_input("idempotency_key", "a confirmation needs an idempotency key"))?;
    let manager = match &a.manager {
        Some(m) => Some(ManagerDecision {
            manager: api.desk.check_manager(session, &m.manager_login, &m.manager_pin).await?,
            approve: m.decision == ManagerVerdict::Approve,
            reason: m.reason.clone(),
            ruling: ManagerRuling {
                grant_approvals: true,
                override_lines: m.lines.iter().map(|l| LineNo(*l)).collect(),
                deductions: m.deductions.iter().map(DeductionInput::deduction).collect(),
            },
        }),
        None => None,
    };
    let scanned_at = a.since_scan_ms.map(|ms| api.desk.scanned_at(ms)).transpose()?;
    let confirmed = api.desk.confirm_for(session, &a.draft(), &key, manager.as_ref(), &a.customer(), a.queued_id).await?;
    // ---- Issue 13: reports ---- the handling time starts at the desk's scan.
    if let (Some(at), true) = (scanned_at, confirmed.created) {
        api.desk.record_scan(confirmed.record.id, at).await?;
    }
    let claims = claim_views(api, caller, confirmed.record.id).await?;
    let notices = claim_notices(api, caller, &claims).await?;
    Ok(ReturnView { claim_notices: notices, ..ReturnView::new(&confirmed.record, claims, confirmed.created) })
}

pub(super) async fn list_returns(api: &DeskApi, caller: &Caller, q: ReturnQuery) -> Answer<Vec<ReturnSummaryView>> {
    let session = caller.session()?;
    let list = api.desk.returns(session, &q).await?;
    Ok(list.iter().map(|r| ReturnSummaryView::new(&session.store_code, r)).collect())
}

pub(super) async fn get_return(api: &DeskApi, caller: &Caller, a: ById) -> Answer<ReturnView> {
    let record = api.desk.return_of_store(caller.session()?, a.id).await?;
    let claims = claim_views(api, caller, record.id).await?;
    let notices = claim_notices(api, caller, &claims).await?;
    Ok(ReturnView { claim_notices: notices, ..ReturnView::new(&record, claims, false) })
}

/// The return's claims on items claimed before: what the desk tells the customer at intake.
async fn claim_notices(api: &DeskApi, caller: &Caller, claims: &[ClaimView]) -> Answer<Vec<ClaimNotice>> {
    let session = caller.session()?;
    let mut notices = Vec::new();
    for claim in claims {
        let detail = api.desk.claim_detail(session, claim.id).await?;
        if detail.repeat_claims > 0 {
            notices.push(ClaimNotice {
                claim_id: claim.id,
                register_no: claim.register_no.clone(),
                repeat_claims: detail.repeat_claims,
                earlier_repairs: detail.earlier_repairs,
                refund_entitled: detail.refund_entitled,
            });
        }
    }
    Ok(notices)
}

async fn claim_views(api: &DeskApi, caller: &Caller, return_id: i64) -> Answer<Vec<ClaimView>> {
    let today = api.desk.now_for(caller.session()?).await?.date();
    let claims = api.desk.claims_of_return(caller.session()?, return_id).await?;
    Ok(claims.iter().map(|c| ClaimView::new(c, today)).collect())
}

pub(super) async fn list_claims(api: &DeskApi, caller: &Caller, a: ClaimFilter) -> Answer<Vec<ClaimView>> {
    let stage = match a.stage.as_deref().map(str::trim).filter(|s| !s.is_empty() && *s != "all") {
        None => None,
        Some(s) => Some(
            serde_json::from_value(serde_json::Value::String(s.to_string()))
                .map_err(|_| ApiError::bad_input("stage", format!("\"{s}\" is not a claim stage")))?,
        ),
    };
    let claims = api.desk.find_claims(caller.session()?, stage, a.q.as_deref(), a.overdue_only.unwrap_or(false)).await?;
    Ok(claims
        .iter()
        .map(ClaimView::of)
        .filter(|c| match a.status.as_deref().filter(|s| !s.is_empty()) {
            None | Some("all") => true,
            Some("overdue") => c.overdue,
            Some(status) => crate::store::code_of(&c.status) == status,
        })
        .collect())
}

// ---- Issue 11: warranty claims ----

pub(super) async fn get_claim(api: &DeskApi, caller: &Caller, a: ById) -> Answer<ClaimDetailView> {
    Ok((&api.desk.claim_detail(caller.session()?, a.id).await?).into())
}

pub(super) async fn advance_claim(api: &DeskApi, caller: &Caller, a: ClaimStep) -> Answer<ClaimDetailView> {
    let request = crate::service::claims::StepRequest {
        step: Some(a.step),
        service_partner: a.service_partner,
        sent_on: a.sent_on,
        waybill: a.waybill,
        service_outcome: a.service_outcome,
        finding: a.finding,
        informed_how: a.informed_how,
        reasons: a.reasons,
    };
    Ok((&api.desk.advance_claim(caller.session()?, a.id, &request).await?).into())
}

pub(super) async fn settle_claim(api: &DeskApi, caller: &Caller, a: SettleClaim) -> Answer<ClaimDetailView> {
    Ok((&api.desk.settle_claim(caller.session()?, a.id, a.remedy, a.amount, &a.idempotency_key).await?).into())
}

/// A document's language as asked (`default` when not asked), or 400 naming `lang`.
fn lang_or(lang: Option<&str>, default: &str) -> Answer<crate::slip::Lang> {
    crate::slip::Lang::parse(lang.unwrap_or(default)).map_err(|e| ApiError::bad_input("lang", e.to_string()))
}

/// A document's language if one is asked (blank: none, the store's), or 400 naming `lang`.
fn optional_lang(lang: Option<&str>) -> Answer<Option<crate::slip::Lang>> {
    lang.map(str::trim).filter(|l| !l.is_empty()).map(|l| lang_or(Some(l), l)).transpose()
}

/// A document's paper (`default` when not asked), or 400 naming `layout`.
fn layout_or(layout: Option<&str>, default: &str) -> Answer<crate::slip::Layout> {
    crate::slip::Layout::parse(layout.unwrap_or(default)).map_err(|e| ApiError::bad_input("layout", e.to_string()))
}

fn document_request(a: &SlipRequest) -> Answer<DocumentRequest> {
    let lang = lang_or(a.lang.as_deref(), "en")?;
    let layout = layout_or(a.layout.as_deref(), "80mm")?;
    Ok(DocumentRequest { return_id: a.id, kind: a.document.unwrap_or_default(), claim: a.claim, lang, layout })
}

pub(super) async fn return_slip(api: &DeskApi, caller: &Caller, a: SlipRequest) -> Answer<Pdf> {
    let document = api.desk.document(caller.session()?, &document_request(&a)?).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

pub(super) async fn print_slip(api: &DeskApi, caller: &Caller, a: SlipRequest) -> Answer<Printed> {
    Ok(api.desk.print(caller.session()?, &document_request(&a)?).await?)
}

pub(super) async fn get_settings(api: &DeskApi, caller: &Caller, _: NoInput) -> Answer<SettingsView> {
    Ok(SettingsView::from(api.desk.settings(caller.session()?).await?))
}

pub(super) async fn put_settings(api: &DeskApi, caller: &Caller, a: PutSettings) -> Answer<SettingsView> {
    let session = caller.session()?;
    let change = SettingsChange {
        printer: a.printer,
        accept_returns_from: a.accept_returns_from,
        session_idle_minutes: a.session_idle_minutes,
        session_lifetime_hours: a.session_lifetime_hours,
        calendar: a.calendar,
        queue_overdue_minutes: a.queue_overdue_minutes,
        // ---- Issue 14: vouchers ----
        voucher_valid_months: a.voucher_valid_months,
        // ---- Issue 14: noreceipt ----
        unverified_returns: a.unverified_returns,
        // ---- Issue 14: exchange differences ----
        exchange_difference: a.exchange_difference,
    };
    api.desk.change_settings(session, &change).await?;
    Ok(SettingsView::from(api.desk.settings(session).await?))
}

pub(super) async fn put_store_details(api: &DeskApi, caller: &Caller, a: StoreDetails) -> Answer<StoreDetails> {
    Ok(api.desk.change_store_details(caller.session()?, &a).await?)
}

pub(super) async fn unlock_user(api: &DeskApi, caller: &Caller, a: UnlockUser) -> Answer<Unlocked> {
    let desks = api.desk.unlock(caller.session()?, &a.login).await?;
    Ok(Unlocked { login: a.login.trim().to_string(), desks })
}

pub(super) async fn list_audit(api: &DeskApi, caller: &Caller, a: AuditFilterInput) -> Answer<AuditPageView> {
    let limit = match a.limit {
        Some(n) if !(1..=200).contains(&n) => return Err(ApiError::bad_input("limit", "between 1 and 200")),
        other => other.map(|n| n as u32),
    };
    let filter = AuditFilter { user: a.user, action: a.action, from: a.from, to: a.to, before_seq: a.before_seq, limit };
    Ok(AuditPageView::from(api.desk.audit_trail(caller.session()?, &filter).await?))
}

pub(super) async fn import_policy(api: &DeskApi, caller: &Caller, a: ImportPolicy) -> Answer<PolicyVersionView> {
    let policy = crate::contract::PolicyDocument { defaults: a.defaults, rules: a.rules };
    let v = api.desk.import_policy(caller.session()?, a.effective_from, &policy).await?;
    Ok(PolicyVersionView { version: v.version, effective_from: v.effective_from })
}

pub(super) async fn check_policy(api: &DeskApi, caller: &Caller, a: ImportPolicy) -> Answer<PolicyCheck> {
    let policy = crate::contract::PolicyDocument { defaults: a.defaults, rules: a.rules };
    Ok(api.desk.check_policy(caller.session()?, a.effective_from, &policy).await?)
}

pub(super) async fn list_policy_versions(api: &DeskApi, caller: &Caller, _: NoInput) -> Answer<Vec<PolicyVersionEntry>> {
    let (versions, today) = api.desk.policy_versions(caller.session()?).await?;
    // The version in force today is the latest one from today or before; the list is latest first.
    let in_force = versions.iter().find(|v| v.effective_from <= today).map(|v| v.id);
    Ok(versions
        .into_iter()
        .map(|v| PolicyVersionEntry {
            version: v.version,
            effective_from: v.effective_from,
            published_at: v.created_at,
            published_by: v.made_by_login.map(|login| PersonView { login, display_name: v.made_by_name.unwrap_or_default() }),
            standing: if Some(v.id) == in_force {
                PolicyVersionStanding::InForce
            } else if v.effective_from > today {
                PolicyVersionStanding::Upcoming
            } else {
                PolicyVersionStanding::Past
            },
        })
        .collect())
}

// People at the desk: the first run and the administrators' users.

pub(super) async fn setup_status(api: &DeskApi, _: &Caller, _: NoInput) -> Answer<SetupStatus> {
    let starting_policies = crate::service::people::starting_policies()
        .into_iter()
        .map(|p| StartingPolicyView {
            id: p.id,
            jurisdiction: p.jurisdiction.code().into(),
            name: p.name.into(),
            summary: p.summary.into(),
        })
        .collect();
    Ok(SetupStatus { needs_setup: api.desk.needs_setup().await?, starting_policies, desk_time_zone: api.desk.desk_time_zone().await? })
}

pub(super) async fn set_up_store(api: &DeskApi, caller: &Caller, a: SetUpStore) -> Answer<SessionView> {
    let run = crate::service::people::FirstRun {
        code: a.store.code,
        name: a.store.name,
        address: a.store.address,
        vat_id: a.store.vat_id,
        company_id: a.store.company_id,
        jurisdiction: a.store.jurisdiction,
        currency: a.store.currency,
        time_zone: a.store.time_zone,
        language: a.store.language,
        admin_login: a.administrator.login.clone(),
        admin_name: a.administrator.name,
        admin_pin: a.administrator.pin.clone(),
        starting_policy: a.starting_policy,
        terminal: a.terminal.clone(),
    };
    api.desk.set_up_store(&run).await?;
    let sign_in_args = SignIn { login: a.administrator.login, pin: a.administrator.pin, terminal: a.terminal };
    sign_in(api, caller, sign_in_args).await
}

pub(super) async fn list_users(api: &DeskApi, caller: &Caller, _: NoInput) -> Answer<Vec<UserAccountView>> {
    Ok(api.desk.users(caller.session()?).await?.iter().map(UserAccountView::from).collect())
}

pub(super) async fn add_user(api: &DeskApi, caller: &Caller, a: NewUserInput) -> Answer<UserAccountView> {
    use crate::service::people::{Steward, UserToAdd};
    let new = UserToAdd {
        login: a.login,
        name: a.name,
        role: a.role,
        stores: a.stores,
        pin: a.pin,
        refund_limit: a.refund_limit,
        approval_limit: a.approval_limit,
    };
    Ok((&api.desk.add_user(Steward::Desk(caller.session()?), &new).await?).into())
}

pub(super) async fn update_user(api: &DeskApi, caller: &Caller, a: UpdateUserInput) -> Answer<UserAccountView> {
    use crate::service::people::{Steward, UserEdit};
    let edit = UserEdit {
        name: a.name,
        role: a.role,
        stores: a.stores,
        active: a.active,
        refund_limit: a.refund_limit,
        approval_limit: a.approval_limit,
    };
    Ok((&api.desk.update_user(Steward::Desk(caller.session()?), a.id, &edit).await?).into())
}

pub(super) async fn reset_user_pin(api: &DeskApi, caller: &Caller, a: ResetPin) -> Answer<UserAccountView> {
    use crate::service::people::Steward;
    Ok((&api.desk.reset_pin(Steward::Desk(caller.session()?), a.id, &a.pin).await?).into())
}

pub(super) async fn change_own_pin(api: &DeskApi, caller: &Caller, a: ChangePin) -> Answer<Done> {
    api.desk.change_own_pin(caller.session()?, &a.old_pin, &a.new_pin).await?;
    Ok(Done {})
}

// ---- The approval queue (issue 12) ----

fn queued_case(facts: QueueFacts) -> QueuedCase {
    let r = facts.record;
    let decision = r.decision().ok().flatten().map(|d| QueueDecisionView {
        by: PersonView {
            login: r.decided_by_login.clone().unwrap_or_default(),
            display_name: r.decided_by_name.clone().unwrap_or_default(),
        },
        at: d.at.to_rfc3339(),
        approve: d.approve,
        lines: d.lines,
        deductions: d.deductions,
        reason_code: d.reason_code,
        reason_text: d.reason_text,
        approved_refund: d.approved_refund,
    });
    QueuedCase {
        id: r.id,
        state: r.state,
        store_code: r.store_code.clone(),
        terminal: r.terminal_code.clone(),
        requested_by: PersonView { login: r.requested_by_login.clone(), display_name: r.requested_by_name.clone() },
        requested_at: r.requested_at.to_rfc3339(),
        waiting_minutes: facts.waiting_minutes,
        overdue: facts.overdue,
        needs_role: facts.needs_role,
        receipt: QueuedReceiptView { id: r.receipt_id, number: r.receipt_number.clone(), purchased_at: r.purchased_at },
        draft: serde_json::from_value(facts.input).unwrap_or_else(|_| QueuedDraft {
            receipt_id: r.receipt_id,
            resolution: crate::domain::Resolution::Refund,
            lines: Vec::new(),
            customer: None,
        }),
        note: r.note.clone(),
        verdict: facts.verdict,
        asked: facts.asked,
        refund_total: r.refund_total,
        currency: r.currency.code().into(),
        decision,
        return_id: r.return_id,
    }
}

fn queue_view(snapshot: crate::service::queue::QueueSnapshot) -> QueueView {
    QueueView { version: snapshot.version, cases: snapshot.cases.into_iter().map(queued_case).collect() }
}

pub(super) async fn queue_return(api: &DeskApi, caller: &Caller, a: QueueReturn) -> Answer<QueuedCase> {
    let session = caller.session()?;
    let input = a.queued_draft();
    let draft = input.draft();
    let customer = customer_of(a.customer.as_ref());
    let now = api.desk.now_for(session).await?;
    let request = QueueRequest {
        draft: &draft,
        customer: &customer,
        idempotency_key: &a.idempotency_key,
        note: a.note.as_deref().unwrap_or(""),
        input: serde_json::to_value(&input).expect("a draft serializes"),
    };
    let (facts, _) = api
        .desk
        .queue_return(session, request, |context, decision, verdict| {
            let explanations = context.explain(&draft.request, decision, now);
            serde_json::to_value(EvaluationView::new(decision.clone(), explanations, verdict.clone())).expect("a verdict serializes")
        })
        .await?;
    Ok(queued_case(facts))
}

pub(super) async fn list_queue(api: &DeskApi, caller: &Caller, a: QueueFilter) -> Answer<QueueView> {
    Ok(queue_view(api.desk.queue(caller.session()?, a.open_only.unwrap_or(true)).await?))
}

pub(super) async fn watch_queue(api: &DeskApi, caller: &Caller, a: WatchQueue) -> Answer<QueueView> {
    Ok(queue_view(api.desk.watch_queue(caller.session()?, a.after).await?))
}

pub(super) async fn decide_queued(api: &DeskApi, caller: &Caller, a: DecideQueued) -> Answer<QueuedCase> {
    let ruling = QueueRuling {
        approve: a.decision == ManagerVerdict::Approve,
        lines: a.lines,
        deductions: a.deductions.iter().flatten().map(DeductionInput::deduction).collect(),
        reason_code: a.reason_code,
        reason_text: a.reason_text,
    };
    Ok(queued_case(api.desk.decide_queued(caller.session()?, a.id, &ruling).await?))
}

pub(super) async fn withdraw_queued(api: &DeskApi, caller: &Caller, a: ById) -> Answer<QueuedCase> {
    Ok(queued_case(api.desk.withdraw_queued(caller.session()?, a.id).await?))
}

/// The customer as the desk knows them.
fn customer_of(c: Option<&CustomerInput>) -> Customer {
    c.map(|c| Customer { contact: c.contact.clone(), loyalty_id: c.loyalty_id.clone(), id_number: c.id_number.clone() }).unwrap_or_default()
}

impl DraftInput {
    fn customer(&self) -> Customer {
        customer_of(self.customer.as_ref())
    }
}

// ---- Warranty claims: documents and the complaint register (issue 11) ----

pub(super) async fn claim_document(api: &DeskApi, caller: &Caller, a: ClaimDocumentRequest) -> Answer<Pdf> {
    use crate::service::claim_documents::ClaimDocumentKind;
    let kind = ClaimDocumentKind::parse(a.kind.as_deref().unwrap_or("intake"))?;
    let lang = lang_or(a.lang.as_deref(), "en")?;
    let layout = layout_or(a.layout.as_deref(), "a4")?;
    let document = api.desk.claim_document(caller.session()?, a.id, kind, lang, layout).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

pub(super) async fn export_register(api: &DeskApi, caller: &Caller, a: RegisterExport) -> Answer<RegisterFile> {
    use crate::service::register::RegisterFormat;
    let format = RegisterFormat::parse(&a.format)?;
    let lang = match a.lang.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(l) => Some(crate::slip::Lang::parse(l).map_err(|e| ApiError::bad_input("lang", e.to_string()))?),
        None => None,
    };
    let year = i32::try_from(a.year).map_err(|_| ApiError::bad_input("year", format!("{} is not a year", a.year)))?;
    let file = api.desk.export_register(caller.session()?, year, format, lang).await?;
    Ok(RegisterFile { bytes: file.bytes, media_type: file.media_type, file_name: file.file_name })
}

// ---- Issue 11: paid repair orders ----

pub(super) async fn open_repair_order(api: &DeskApi, caller: &Caller, a: OpenRepairOrder) -> Answer<RepairOrderView> {
    let opening = crate::service::repairs::RepairOpening {
        receipt_id: a.receipt_id,
        receipt_line: a.receipt_line,
        product: a.product,
        serial: a.serial,
        customer_name: a.customer.name,
        customer_contact: a.customer.contact,
        defect: a.defect,
        accessories: a.accessories,
        item_state: a.item_state,
        estimate: a.estimate,
        idempotency_key: a.idempotency_key,
    };
    Ok((&api.desk.open_repair_order(caller.session()?, &opening).await?).into())
}

pub(super) async fn list_repair_orders(api: &DeskApi, caller: &Caller, a: RepairFilter) -> Answer<Vec<RepairOrderView>> {
    let stage = match a.stage.as_deref().map(str::trim).filter(|s| !s.is_empty() && *s != "all") {
        None => None,
        Some(s) => Some(
            crate::domain::repair::RepairStage::parse(s)
                .ok_or_else(|| ApiError::bad_input("stage", format!("\"{s}\" is not a repair order stage")))?,
        ),
    };
    let orders = api.desk.find_repair_orders(caller.session()?, stage, a.q.as_deref()).await?;
    Ok(orders.iter().map(RepairOrderView::from).collect())
}

pub(super) async fn get_repair_order(api: &DeskApi, caller: &Caller, a: ById) -> Answer<RepairOrderView> {
    Ok((&api.desk.repair_order(caller.session()?, a.id).await?).into())
}

pub(super) async fn advance_repair_order(api: &DeskApi, caller: &Caller, a: RepairStep) -> Answer<RepairOrderView> {
    let request = crate::service::repairs::RepairStepRequest {
        step: Some(a.step),
        service_partner: a.service_partner,
        sent_on: a.sent_on,
        waybill: a.waybill,
        service_outcome: a.service_outcome,
        finding: a.finding,
        final_price: a.final_price,
        informed_how: a.informed_how,
        price_paid: a.price_paid,
        tender: a.tender,
    };
    Ok((&api.desk.advance_repair_order(caller.session()?, a.id, &request).await?).into())
}

pub(super) async fn repair_order_document(api: &DeskApi, caller: &Caller, a: RepairDocumentRequest) -> Answer<Pdf> {
    use crate::service::repairs::RepairDocumentKind;
    let kind = RepairDocumentKind::parse(&a.kind)?;
    let lang = optional_lang(a.lang.as_deref())?;
    let layout = layout_or(a.layout.as_deref(), "a4")?;
    let document = api.desk.repair_document(caller.session()?, a.id, kind, lang, layout).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

// ---- Issue 14: vouchers ----

pub(super) async fn get_voucher(api: &DeskApi, caller: &Caller, a: VoucherCode) -> Answer<VoucherView> {
    Ok((&api.desk.voucher(caller.session()?, &a.code).await?).into())
}

pub(super) async fn redeem_voucher(api: &DeskApi, caller: &Caller, a: RedeemVoucher) -> Answer<VoucherView> {
    let redemption = crate::service::vouchers::Redemption {
        code: a.code,
        amount: a.amount.ok_or_else(|| ApiError::bad_input("amount", "how much to take from the voucher, like \"12.50\""))?,
        currency: a.currency,
        idempotency_key: a.idempotency_key,
        till: a.till,
        sale_reference: a.sale_reference,
    };
    Ok((&api.desk.redeem_voucher(caller.session()?, &redemption).await?).into())
}

pub(super) async fn void_voucher(api: &DeskApi, caller: &Caller, a: VoidVoucher) -> Answer<VoucherView> {
    Ok((&api.desk.void_voucher(caller.session()?, &a.code, &a.reason).await?).into())
}

// ---- Issue 14: exchanges ----

pub(super) async fn find_product(api: &DeskApi, caller: &Caller, a: ProductQuery) -> Answer<ProductView> {
    Ok((&api.desk.find_product(caller.session()?, &a.code).await?).into())
}

/// A manager's decision given with an exchange, its PIN checked at the desk.
async fn exchange_manager(api: &DeskApi, session: &crate::service::auth::Session, m: Option<&ManagerInput>) -> Answer<Option<ManagerDecision>> {
    Ok(match m {
        Some(m) => Some(ManagerDecision {
            manager: api.desk.check_manager(session, &m.manager_login, &m.manager_pin).await?,
            approve: m.decision == ManagerVerdict::Approve,
            reason: m.reason.clone(),
            ruling: ManagerRuling {
                grant_approvals: true,
                override_lines: m.lines.iter().map(|l| LineNo(*l)).collect(),
                deductions: m.deductions.iter().map(DeductionInput::deduction).collect(),
            },
        }),
        None => None,
    })
}

pub(super) async fn evaluate_exchange(api: &DeskApi, caller: &Caller, a: ExchangeDraft) -> Answer<ExchangeQuote> {
    let session = caller.session()?;
    let exchange = a.exchange();
    let ruling = a.preview_overrides.is_some().then(|| ManagerRuling {
        grant_approvals: true,
        override_lines: a.preview_overrides.iter().flatten().map(|l| LineNo(*l)).collect(),
        deductions: Vec::new(),
    });
    let customer = customer_of(a.customer.as_ref());
    let (context, quote) = api.desk.evaluate_exchange(session, &exchange, ruling.as_ref(), &customer).await?;
    let draft = exchange.return_draft();
    let explanations = context.explain(&draft.request, &quote.decision, api.desk.now_for(session).await?);
    let settlements = api.desk.line_settlements(context.receipt.id, &quote.decision).await?;
    let verdict = DeskVerdict::of(&quote.decision, &context.receipt.sale.receipt, &context.receipt.history)
        .with_clerk_limit(&quote.decision, session.user.refund_limit)
        .with_claim_settlements(&quote.decision, &settlements);
    let evaluation = EvaluationView::new(quote.decision.clone(), explanations, verdict);
    Ok(ExchangeQuote::new(&quote, evaluation, context.store.currency.code()))
}

pub(super) async fn confirm_exchange(api: &DeskApi, caller: &Caller, a: ExchangeDraft) -> Answer<ExchangeView> {
    let session = caller.session()?;
    let key = a
        .idempotency_key
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| ApiError::bad_input("idempotency_key", "a confirmation needs an idempotency key"))?;
    let manager = exchange_manager(api, session, a.manager.as_ref()).await?;
    let customer = customer_of(a.customer.as_ref());
    let confirmed = api.desk.confirm_exchange(session, &a.exchange(), &key, manager.as_ref(), &customer).await?;
    exchange_view(api, caller, &confirmed.exchange, &confirmed.ret, confirmed.created).await
}

pub(super) async fn get_exchange(api: &DeskApi, caller: &Caller, a: ById) -> Answer<ExchangeView> {
    let (x, ret) = api.desk.exchange(caller.session()?, a.id).await?;
    exchange_view(api, caller, &x, &ret, false).await
}

async fn exchange_view(
    api: &DeskApi,
    caller: &Caller,
    x: &crate::store::ExchangeRecord,
    ret: &crate::store::ReturnRecord,
    created: bool,
) -> Answer<ExchangeView> {
    let items = api.desk.exchange_items(x).await?;
    let claims = claim_views(api, caller, ret.id).await?;
    let notices = claim_notices(api, caller, &claims).await?;
    let ret = ReturnView { claim_notices: notices, ..ReturnView::new(ret, claims, created) };
    Ok(ExchangeView::new(x, &items, ret, created))
}

pub(super) async fn exchange_document(api: &DeskApi, caller: &Caller, a: ExchangeDocumentRequest) -> Answer<Pdf> {
    let lang = optional_lang(a.lang.as_deref())?;
    let layout = layout_or(a.layout.as_deref(), "a4")?;
    let document = api.desk.exchange_document(caller.session()?, a.id, lang, layout).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

pub(super) async fn get_exchange_due(api: &DeskApi, caller: &Caller, a: ExchangeNumber) -> Answer<ExchangeDueView> {
    Ok(ExchangeDueView::new(&api.desk.exchange_due(caller.session()?, &a.number).await?, false))
}

pub(super) async fn pay_exchange_due(api: &DeskApi, caller: &Caller, a: PayExchangeDue) -> Answer<ExchangeDueView> {
    let pay = crate::service::exchanges::DuePaymentAsked {
        amount: a.amount.ok_or_else(|| ApiError::bad_input("amount", "the amount due, whole, like \"15.00\""))?,
        currency: a.currency,
        tender: a.tender.ok_or_else(|| ApiError::bad_input("tender", "how the till took it: cash, card or gift_card"))?,
        idempotency_key: a.idempotency_key,
        till: a.till,
        sale_reference: a.sale_reference,
    };
    let (due, created) = api.desk.pay_exchange_due(caller.session()?, &a.number, &pay).await?;
    Ok(ExchangeDueView::new(&due, created))
}

// ---- Issue 14: noreceipt ----

fn no_receipt_document(a: &NoReceiptDocument) -> Answer<(crate::slip::Lang, crate::slip::Layout)> {
    let lang = lang_or(a.lang.as_deref(), "en")?;
    let layout = layout_or(a.layout.as_deref(), "80mm")?;
    Ok((lang, layout))
}

fn manager_pin(m: &Option<ManagerPinInput>) -> Option<crate::service::noreceipt::ManagerPin<'_>> {
    m.as_ref().map(|m| crate::service::noreceipt::ManagerPin { login: &m.login, pin: &m.pin })
}

pub(super) async fn quote_unverified(api: &DeskApi, caller: &Caller, a: UnverifiedDraftInput) -> Answer<UnverifiedQuote> {
    Ok(api.desk.quote_unverified(caller.session()?, &a.draft()).await?)
}

pub(super) async fn confirm_unverified(api: &DeskApi, caller: &Caller, a: UnverifiedDraftInput) -> Answer<UnverifiedReturnView> {
    let key = a.idempotency_key.clone().unwrap_or_default();
    let (record, created) = api.desk.confirm_unverified(caller.session()?, &a.draft(), &key, manager_pin(&a.manager)).await?;
    Ok(UnverifiedReturnView::new(&record, created))
}

pub(super) async fn get_unverified(api: &DeskApi, caller: &Caller, a: ById) -> Answer<UnverifiedReturnView> {
    Ok(UnverifiedReturnView::new(&api.desk.unverified_of_store(caller.session()?, a.id).await?, false))
}

pub(super) async fn unverified_slip(api: &DeskApi, caller: &Caller, a: NoReceiptDocument) -> Answer<Pdf> {
    let (lang, layout) = no_receipt_document(&a)?;
    let document = api.desk.unverified_document(caller.session()?, a.id, lang, layout).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

pub(super) async fn goodwill_refund(api: &DeskApi, caller: &Caller, a: GoodwillInput) -> Answer<GoodwillView> {
    let ask = crate::service::noreceipt::GoodwillAsk {
        receipt_id: a.receipt_id,
        line: a.line,
        amount: a.amount,
        reason: &a.reason,
        idempotency_key: &a.idempotency_key,
    };
    let (record, created) = api.desk.goodwill_refund(caller.session()?, &ask, manager_pin(&a.manager)).await?;
    Ok(GoodwillView::new(&record, created))
}

pub(super) async fn goodwill_slip(api: &DeskApi, caller: &Caller, a: NoReceiptDocument) -> Answer<Pdf> {
    let (lang, layout) = no_receipt_document(&a)?;
    let document = api.desk.goodwill_document(caller.session()?, a.id, lang, layout).await?;
    Ok(Pdf { bytes: document.pdf, number: document.number })
}

// ---- Issue 13: eod ----

fn end_of_day_query(store: Option<String>, day: Option<&str>, desk: Option<String>) -> Answer<crate::service::end_of_day::EndOfDayQuery> {
    let day = match day.map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => Some(
            text.parse::<chrono::NaiveDate>()
                .map_err(|_| ApiError::bad_input("day", format!("\"{text}\" is not a date like 2026-10-11")))?,
        ),
        None => None,
    };
    Ok(crate::service::end_of_day::EndOfDayQuery { store, day, desk })
}

pub(super) async fn end_of_day(api: &DeskApi, caller: &Caller, a: EndOfDayInput) -> Answer<EndOfDayView> {
    let query = end_of_day_query(a.store, a.day.as_deref(), a.desk)?;
    Ok(api.desk.end_of_day(caller.session()?, &query).await?.into())
}

pub(super) async fn end_of_day_document(api: &DeskApi, caller: &Caller, a: EndOfDayDocument) -> Answer<Pdf> {
    let lang = optional_lang(a.lang.as_deref())?;
    let layout = layout_or(a.layout.as_deref(), "80mm")?;
    let query = end_of_day_query(a.store, a.day.as_deref(), a.desk)?;
    let day = api.desk.end_of_day(caller.session()?, &query).await?;
    let bytes = api.desk.end_of_day_pdf(&day, lang, layout).await?;
    Ok(Pdf { bytes, number: crate::service::end_of_day::end_of_day_number(&day) })
}

pub(super) async fn print_end_of_day(api: &DeskApi, caller: &Caller, a: EndOfDayDocument) -> Answer<Printed> {
    let lang = optional_lang(a.lang.as_deref())?;
    let layout = layout_or(a.layout.as_deref(), "80mm")?;
    let query = end_of_day_query(a.store, a.day.as_deref(), a.desk)?;
    Ok(api.desk.print_end_of_day(caller.session()?, &query, lang, layout).await?)
}

// ---- Issue 13: feedback ----

pub(super) async fn show_customer(api: &DeskApi, caller: &Caller, a: DisplayState) -> Answer<DisplayView> {
    Ok(api.desk.show_customer(caller.session()?, a).await?)
}

pub(super) async fn watch_customer(api: &DeskApi, caller: &Caller, a: WatchCustomer) -> Answer<DisplayView> {
    Ok(api.desk.watch_customer(caller.session()?, a.after).await?)
}

pub(super) async fn give_feedback(api: &DeskApi, caller: &Caller, a: GiveFeedback) -> Answer<FeedbackView> {
    let subject = match (a.return_id, a.claim_id) {
        (Some(id), None) => crate::store::FeedbackSubject::Return(id),
        (None, Some(id)) => crate::store::FeedbackSubject::Claim(id),
        _ => return Err(ApiError::bad_input("return_id", "name the return rated (return_id) or the warranty claim (claim_id), one of the two")),
    };
    let rating = crate::service::feedback::Rating { subject, rating: a.rating, comment: a.comment, lang: a.lang };
    Ok(api.desk.give_feedback(caller.session()?, &rating).await?.into())
}

pub(super) async fn manager_kpis(api: &DeskApi, caller: &Caller, _: NoInput) -> Answer<ManagerKpis> {
    Ok(api.desk.manager_kpis(caller.session()?).await?)
}

// ---- Issue 13: reports ----

pub(super) async fn report(api: &DeskApi, caller: &Caller, a: ReportQuery) -> Answer<ReportView> {
    use crate::service::reports::{Grain, ReportRequest};
    let grain = match a.grain.as_deref().map(str::trim).unwrap_or("") {
        "" | "day" => Grain::Day,
        "week" => Grain::Week,
        "month" => Grain::Month,
        other => return Err(ApiError::bad_input("grain", format!("\"{other}\" is not day, week or month"))),
    };
    let ask = ReportRequest { store: a.store, desk: a.desk, clerk: a.clerk, from: date("from", &a.from)?, to: date("to", &a.to)?, grain };
    Ok(api.desk.report(caller.session()?, &ask).await?)
}
