//! Whether a `#[cfg(...)]` holds for the build, so that a module the crate leaves out
//! (`#[cfg(target_os = "linux")] cdef! { ... }` on another system, a module behind a feature
//! that is off) has no C compiled either: its header may not even exist there.
//!
//! Cargo gives the build script the target's cfgs (`CARGO_CFG_TARGET_OS=linux`,
//! `CARGO_CFG_UNIX`, and `--cfg` flags of `RUSTFLAGS`) and the enabled features
//! (`CARGO_FEATURE_SIMD`); the crate's build script adds its own cfgs with
//! `Config::cfg`. What a build script cannot know (`test`, `doc`) counts as true: the C is
//! compiled, as before, rather than missing where the crate uses it.

use syn::{Attribute, Expr, Lit, Meta};

/// The cfgs of the build.
#[derive(Debug, Default, Clone)]
pub struct Cfgs {
    /// Cfgs the crate's build script sets (`cargo:rustc-cfg=name` or `name="value"`).
    pub custom: Vec<(String, Option<String>)>,
}

impl Cfgs {
    /// Whether every `#[cfg]` among `attrs` holds (or may hold).
    pub fn all_hold(&self, attrs: &[Attribute]) -> bool {
        attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .all(|a| match a.parse_args::<Meta>() {
                Ok(meta) => self.holds(&meta) != Some(false),
                // A cfg this reader cannot parse is rustc's to judge: compile the C.
                Err(_) => true,
            })
    }

    /// `Some(true)` or `Some(false)` when the predicate is known, `None` when not.
    fn holds(&self, meta: &Meta) -> Option<bool> {
        match meta {
            Meta::List(list) => {
                let args: Vec<Meta> = list
                    .parse_args_with(
                        syn::punctuated::Punctuated::<Meta, syn::Token![,]>::parse_terminated,
                    )
                    .ok()?
                    .into_iter()
                    .collect();
                let values: Vec<Option<bool>> = args.iter().map(|m| self.holds(m)).collect();
                if list.path.is_ident("all") {
                    all(&values)
                } else if list.path.is_ident("any") {
                    all(&values.iter().map(|v| v.map(|b| !b)).collect::<Vec<_>>()).map(|b| !b)
                } else if list.path.is_ident("not") && values.len() == 1 {
                    values[0].map(|b| !b)
                } else {
                    None
                }
            }
            Meta::Path(path) => {
                let name = path.get_ident()?.to_string();
                self.name(&name)
            }
            Meta::NameValue(nv) => {
                let name = nv.path.get_ident()?.to_string();
                let Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(value),
                    ..
                }) = &nv.value
                else {
                    return None;
                };
                self.pair(&name, &value.value())
            }
        }
    }

    /// A cfg name alone: `unix`, `debug_assertions`, a `--cfg` flag, a custom one.
    fn name(&self, name: &str) -> Option<bool> {
        if matches!(name, "test" | "doc" | "doctest" | "miri") {
            return None;
        }
        if self.custom.iter().any(|(n, v)| n == name && v.is_none()) {
            return Some(true);
        }
        Some(std::env::var_os(env_name(name)).is_some())
    }

    /// `name = "value"`: `target_os = "linux"`, `feature = "simd"`, a custom one.
    fn pair(&self, name: &str, value: &str) -> Option<bool> {
        if name == "feature" {
            let var = format!("CARGO_FEATURE_{}", value.to_uppercase().replace('-', "_"));
            return Some(std::env::var_os(var).is_some());
        }
        if self
            .custom
            .iter()
            .any(|(n, v)| n == name && v.as_deref() == Some(value))
        {
            return Some(true);
        }
        // Cargo joins a cfg's values with commas (`CARGO_CFG_TARGET_FEATURE=sse,sse2`).
        let values = std::env::var(env_name(name)).ok()?;
        Some(values.split(',').any(|v| v == value))
    }
}

/// All of `values`: false if any is false, true if all are true, unknown otherwise.
fn all(values: &[Option<bool>]) -> Option<bool> {
    if values.contains(&Some(false)) {
        Some(false)
    } else if values.iter().all(|v| *v == Some(true)) {
        Some(true)
    } else {
        None
    }
}

fn env_name(cfg: &str) -> String {
    format!("CARGO_CFG_{}", cfg.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(cfgs: &Cfgs, attr: &str) -> bool {
        let item: syn::ItemMod = syn::parse_str(&format!("{attr} mod m {{}}")).unwrap();
        cfgs.all_hold(&item.attrs)
    }

    #[test]
    fn predicates_of_custom_cfgs() {
        let cfgs = Cfgs {
            custom: vec![("mpich".into(), None), ("mpi".into(), Some("mpich".into()))],
        };
        assert!(holds(&cfgs, "#[cfg(mpich)]"));
        assert!(!holds(&cfgs, "#[cfg(not(mpich))]"));
        assert!(holds(&cfgs, "#[cfg(mpi = \"mpich\")]"));
        assert!(holds(&cfgs, "#[cfg(any(mpich, cffi_rs_never_set))]"));
        assert!(!holds(&cfgs, "#[cfg(all(mpich, cffi_rs_never_set))]"));
        // Unknown to a build script: the C is compiled.
        assert!(holds(&cfgs, "#[cfg(test)]"));
        assert!(holds(&cfgs, "#[cfg(not(test))]"));
        assert!(!holds(&cfgs, "#[cfg(all(test, cffi_rs_never_set))]"));
        // Not a cfg: ignored.
        assert!(holds(&cfgs, "#[doc = \"x\"]"));
    }
}
