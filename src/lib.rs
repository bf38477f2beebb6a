pub mod glue;
