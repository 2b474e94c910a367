//! Sending a finished PDF to a CUPS printer with `lp`.

use std::io::Write;
use std::process::{Command, Stdio};

use super::SlipError;

/// A job CUPS accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// The request id `lp` reported, e.g. `ReturnDeskPDF-7`.
    pub id: String,
}

/// Prints `pdf` on the CUPS printer `printer` (`lp -d PRINTER -t TITLE`, the PDF on
/// standard input). Fails with `lp`'s own message when CUPS refuses the job.
pub fn print(pdf: &[u8], printer: &str, title: &str) -> Result<PrintJob, SlipError> {
    let io_error = |source| SlipError::PrintIo { printer: printer.to_string(), source };
    let mut child = Command::new("lp")
        .args(["-d", printer, "-t", title, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| if e.kind() == std::io::ErrorKind::NotFound { SlipError::LpMissing } else { io_error(e) })?;
    let written = child.stdin.take().map(|mut stdin| stdin.write_all(pdf));
    let output = child.wait_with_output().map_err(io_error)?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let message = if stderr.trim().is_empty() { stdout.trim() } else { stderr.trim() };
        return Err(SlipError::Print {
            printer: printer.to_string(),
            status: output.status.code().map_or_else(|| "by signal".to_string(), |c| c.to_string()),
            message: message.to_string(),
        });
    }
    if let Some(Err(e)) = written {
        return Err(io_error(e));
    }
    // "request id is ReturnDeskPDF-7 (0 file(s))"
    let id = stdout
        .split_whitespace()
        .skip_while(|w| *w != "is")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    Ok(PrintJob { id })
}
