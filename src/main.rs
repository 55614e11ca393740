//! The `reportsite` binary: parse the command line, run one command, exit
//! with its code (0 built or clean, 1 content problems, 2 usage).

use std::process::ExitCode;

use clap::Parser;
use reportsite::cli::{Cli, Run};
use reportsite::command;

fn main() -> ExitCode {
    match Cli::parse().into_run() {
        Ok(Run::Site(invocation)) => ExitCode::from(command::run(&invocation)),
        Ok(Run::Init { options, ask }) => ExitCode::from(command::run_init(options, ask)),
        Ok(Run::New(options)) => ExitCode::from(command::run_new(&options)),
        Ok(Run::Schema { out }) => ExitCode::from(command::run_schema(&out)),
        Ok(Run::Engagement(run)) => ExitCode::from(command::run_engagement(*run)),
        Ok(Run::Digest(run)) => ExitCode::from(command::run_digest(&run)),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
