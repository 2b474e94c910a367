//! The store's product rules and how they resolve for a receipt line.
//!
//! Start from the built-in values, overlay `defaults`, then overlay the rules that apply from
//! least to most specific — specificity is the number of match keys, plus 100 when `sku` is
//! matched — and among equals in file order, so the later one wins.

use serde::{Deserialize, Serialize};

use super::money::{Money, Percent};
use super::receipt::{ReceiptLine, TenderType};
use super::request::Condition;

/// Where a refund goes when the customer asked for money back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    #[default]
    OriginalTender,
    StoreCredit,
}

/// An item's statutory exception from the withdrawal from a distance sale (Directive 2011/83
/// art. 16).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalException {
    // The item can be withdrawn from.
    #[default]
    None,
    // Never: goods made to the customer's specification, perishable goods.
    Always,
    // Once unsealed (not `unopened`): sealed goods not returnable for hygiene, sealed media.
    IfUnsealed,
}

impl WithdrawalException {
    /// Whether the exception takes the withdrawal away for goods brought back in `condition`.
    pub fn applies(self, condition: Condition) -> bool {
        match self {
            WithdrawalException::None => false,
            WithdrawalException::Always => true,
            WithdrawalException::IfUnsealed => condition != Condition::Unopened,
        }
    }
}

/// `withdrawal_exception` may be left out, but when written it is one of the three: `null` is
/// not (the contract lists any other value as invalid).
fn written_withdrawal_exception<'de, D>(d: D) -> Result<Option<WithdrawalException>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    match Option::<WithdrawalException>::deserialize(d)? {
        Some(exception) => Ok(Some(exception)),
        None => Err(serde::de::Error::custom(
            "null is not a withdrawal exception, expected one of `none`, `always`, `if_unsealed`",
        )),
    }
}

/// What a rule matches on. Every key present must equal the line's attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
}

impl RuleMatch {
    pub fn applies_to(&self, line: &ReceiptLine) -> bool {
        self.sku.as_ref().is_none_or(|s| *s == line.sku)
            && self.category.as_ref().is_none_or(|c| *c == line.category)
            && self.brand.as_ref().is_none_or(|b| *b == line.brand)
    }

    pub fn specificity(&self) -> u32 {
        let keys = [self.sku.is_some(), self.category.is_some(), self.brand.is_some()]
            .into_iter()
            .filter(|k| *k)
            .count() as u32;
        keys + if self.sku.is_some() { 100 } else { 0 }
    }
}

/// Policy fields as written in `defaults` or in a rule: each one optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyFields {
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<RuleMatch>,
    // Item fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returnable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_returnable_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restocking_fee_pct: Option<Percent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_unopened: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warranty_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridable: Option<bool>,
    #[serde(default, deserialize_with = "written_withdrawal_exception", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "WithdrawalException")]
    pub withdrawal_exception: Option<WithdrawalException>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru_exchange_excluded: Option<bool>,
    // Case fields: read from `defaults` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_approval_over: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_returns_90d: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_to: Option<RefundTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_order: Option<Vec<TenderType>>,
}

/// The rules that decide one item, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ItemRules {
    pub returnable: bool,
    pub non_returnable_reason: Option<String>,
    pub return_days: u32,
    pub restocking_fee_pct: Percent,
    pub requires_unopened: bool,
    /// The commercial warranty, in months; 0 for none.
    pub warranty_months: u32,
    /// Whether a manager may override this item's denials.
    pub overridable: bool,
    /// The item's statutory exception from withdrawal.
    pub withdrawal_exception: WithdrawalException,
    /// RU: on the government's list of goods of proper quality not subject to exchange
    /// (art. 25), so the statutory exchange does not apply.
    pub ru_exchange_excluded: bool,
}

impl Default for ItemRules {
    fn default() -> Self {
        ItemRules {
            returnable: true,
            non_returnable_reason: None,
            return_days: 30,
            restocking_fee_pct: Percent::ZERO,
            requires_unopened: false,
            warranty_months: 0,
            overridable: true,
            withdrawal_exception: WithdrawalException::None,
            ru_exchange_excluded: false,
        }
    }
}

impl ItemRules {
    fn overlay(&mut self, f: &PolicyFields) {
        if let Some(v) = f.returnable {
            self.returnable = v;
        }
        if let Some(v) = &f.non_returnable_reason {
            self.non_returnable_reason = Some(v.clone());
        }
        if let Some(v) = f.return_days {
            self.return_days = v;
        }
        if let Some(v) = f.restocking_fee_pct {
            self.restocking_fee_pct = v;
        }
        if let Some(v) = f.requires_unopened {
            self.requires_unopened = v;
        }
        if let Some(v) = f.warranty_months {
            self.warranty_months = v;
        }
        if let Some(v) = f.overridable {
            self.overridable = v;
        }
        if let Some(v) = f.withdrawal_exception {
            self.withdrawal_exception = v;
        }
        if let Some(v) = f.ru_exchange_excluded {
            self.ru_exchange_excluded = v;
        }
    }
}

/// The rules that decide the case as a whole (from `defaults` only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CaseRules {
    /// A total refund above this needs a manager.
    pub manager_approval_over: Option<Money>,
    /// A customer with this many returns in 90 days needs a manager.
    pub max_returns_90d: Option<u32>,
    pub refund_to: RefundTo,
    pub tender_order: Vec<TenderType>,
}

impl Default for CaseRules {
    fn default() -> Self {
        CaseRules {
            manager_approval_over: None,
            max_returns_90d: None,
            refund_to: RefundTo::OriginalTender,
            tender_order: vec![
                TenderType::Card,
                TenderType::GiftCard,
                TenderType::StoreCredit,
                TenderType::Cash,
            ],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PolicyRule {
    #[serde(rename = "match")]
    pub matches: RuleMatch,
    #[serde(flatten)]
    pub fields: PolicyFields,
}

/// A store policy, ready to resolve lines: the defaults already applied and the rules kept in
/// the order they overlay (least specific first, file order among equals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    base: ItemRules,
    case: CaseRules,
    /// In file order, as written.
    rules: Vec<PolicyRule>,
    /// Indexes into `rules` in overlay order.
    overlay_order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("policy.defaults: `match` belongs in a rule, not in the defaults")]
    MatchInDefaults,
    #[error("policy.rules[{0}]: missing field `match`")]
    RuleWithoutMatch(usize),
    #[error("policy.defaults.tender_order: {0} is listed twice")]
    TenderListedTwice(TenderType),
}

impl Policy {
    pub fn new(defaults: PolicyFields, rules: Vec<PolicyFields>) -> Result<Policy, PolicyError> {
        if defaults.matches.is_some() {
            return Err(PolicyError::MatchInDefaults);
        }
        let mut base = ItemRules::default();
        base.overlay(&defaults);
        let mut case = CaseRules {
            manager_approval_over: defaults.manager_approval_over,
            max_returns_90d: defaults.max_returns_90d,
            ..CaseRules::default()
        };
        if let Some(v) = defaults.refund_to {
            case.refund_to = v;
        }
        if let Some(order) = &defaults.tender_order {
            for (i, t) in order.iter().enumerate() {
                if order[..i].contains(t) {
                    return Err(PolicyError::TenderListedTwice(*t));
                }
            }
            case.tender_order = order.clone();
        }
        let rules = rules
            .into_iter()
            .enumerate()
            .map(|(i, mut fields)| {
                let matches = fields.matches.take().ok_or(PolicyError::RuleWithoutMatch(i))?;
                Ok(PolicyRule { matches, fields })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut overlay_order: Vec<usize> = (0..rules.len()).collect();
        // Stable: file order among equal specificity.
        overlay_order.sort_by_key(|&i| rules[i].matches.specificity());
        Ok(Policy {
            base,
            case,
            rules,
            overlay_order,
        })
    }

    pub fn item_rules(&self, line: &ReceiptLine) -> ItemRules {
        let mut resolved = self.base.clone();
        for &i in &self.overlay_order {
            let rule = &self.rules[i];
            if rule.matches.applies_to(line) {
                resolved.overlay(&rule.fields);
            }
        }
        resolved
    }

    /// The item rules every line starts from: built-ins with the defaults laid over.
    pub fn default_item_rules(&self) -> &ItemRules {
        &self.base
    }

    pub fn case_rules(&self) -> &CaseRules {
        &self.case
    }

    pub fn rules(&self) -> &[PolicyRule] {
        &self.rules
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::new(PolicyFields::default(), Vec::new()).expect("empty policy is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawal_exception_applies_by_condition() {
        use Condition::*;
        let applies = |e: WithdrawalException| [Unopened, Opened, Used, Damaged].map(|c| e.applies(c));
        assert_eq!(applies(WithdrawalException::None), [false; 4]);
        assert_eq!(applies(WithdrawalException::Always), [true; 4]);
        assert_eq!(applies(WithdrawalException::IfUnsealed), [false, true, true, true]);
    }

    #[test]
    fn the_statutory_item_fields_overlay_like_the_others() {
        let fields = |v: serde_json::Value| -> PolicyFields { serde_json::from_value(v).unwrap() };
        let policy = Policy::new(
            fields(serde_json::json!({"withdrawal_exception": "if_unsealed"})),
            vec![fields(serde_json::json!({"match": {"sku": "K"}, "withdrawal_exception": "none", "ru_exchange_excluded": true}))],
        )
        .unwrap();
        assert_eq!(policy.default_item_rules().withdrawal_exception, WithdrawalException::IfUnsealed);
        assert!(!policy.default_item_rules().ru_exchange_excluded);
        let rule = &policy.rules()[0].fields;
        assert_eq!(rule.withdrawal_exception, Some(WithdrawalException::None));
        assert_eq!(rule.ru_exchange_excluded, Some(true));
        // Left out it is unset; written as null it is no exception at all.
        assert_eq!(fields(serde_json::json!({})).withdrawal_exception, None);
        let null: Result<PolicyFields, _> = serde_json::from_value(serde_json::json!({"withdrawal_exception": null}));
        assert!(null.unwrap_err().to_string().contains("if_unsealed"));
    }
}
