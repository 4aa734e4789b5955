//! Types already read from their spellings: reading one means parsing the declarations again
//! (the front end keeps no state between texts), so each spelling is read once.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use super::ctype::CType;

/// The most spellings kept; past it the cache starts again, so that a program reading
/// endless distinct spellings does not grow without bound.
const CAPACITY: usize = 1024;

/// Spellings and their types, for one set of declarations.
#[derive(Default)]
pub(crate) struct TypeCache(Mutex<HashMap<String, CType>>);

impl TypeCache {
    pub fn get(&self, spelling: &str) -> Option<CType> {
        self.lock().get(spelling).cloned()
    }

    pub fn insert(&self, spelling: &str, ty: &CType) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(spelling.to_string(), ty.clone());
    }

    /// Forgets every type (the declarations changed).
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The map, even if a thread panicked while holding it (a map of finished entries
    /// cannot be left half-changed by any of these methods).
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CType>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clone for TypeCache {
    fn clone(&self) -> TypeCache {
        TypeCache(Mutex::new(self.lock().clone()))
    }
}

impl fmt::Debug for TypeCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TypeCache({} types)", self.lock().len())
    }
}
