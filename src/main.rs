//! The `reportsite` binary: parse the command line, run one command, exit
//! with its code (0 built or clean, 1 content problems, 2 usage).

use std::process::ExitCode;

use clap::Parser;
use reportsite::cli::Cli;
use reportsite::command;

fn main() -> ExitCode {
    match Cli::parse().into_invocation() {
        Ok(invocation) => ExitCode::from(command::run(&invocation)),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
