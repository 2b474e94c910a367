//! JSON Schemas of the domain's own scalars, as they travel: money and percentages are strings
//! with their exact decimals (`"12.34"`, `"20"`), never JSON numbers.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::domain::{Money, Percent};

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+\\.[0-9]{2}$",
            "description": "An exact amount with two decimals, e.g. \"12.34\" (a JSON number is accepted on input)."
        })
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]+)?$",
            "description": "A percentage as an exact decimal, e.g. \"20\" or \"9.5\" (a JSON number is accepted on input)."
        })
    }
}
