//! What the complaint register needs of a store beyond its profile: the language it prints in.

use super::sql::{sql, Pool};
use super::StoreResult;

/// The language the store was set up in (`en`, `bg`, `ru`, `el`), if it has a row.
pub(super) async fn store_language(pool: &Pool, store_code: &str) -> StoreResult<Option<String>> {
    sql("SELECT language FROM stores WHERE code = $1")
        .bind(store_code)
        .scalar_optional(pool.read().await?.link())
        .await
}
