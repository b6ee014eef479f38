//! TODO
mod common;
