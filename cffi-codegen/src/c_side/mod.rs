//! What API mode asks the C compiler and what it answers: the C checks of declarations
//! (`cchecks`), the probe of what only the compiler knows (`probe`), and the compiler's errors
//! put back on the Rust declarations (`c_errors`), said in the user's terms (`c_messages`).

pub(crate) mod c_errors;
pub(crate) mod c_messages;
pub(crate) mod cchecks;
pub(crate) mod probe;
