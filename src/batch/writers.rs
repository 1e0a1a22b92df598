//! Writers: the files of a run, each report's and the run's own (JSON Lines, errors, CSV, the index),
//! written in input order by one thread; and, at the end, the reports of earlier runs settled: removed
//! when their input is gone or fails, or read back into the run's files so that they agree with the
//! folder.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{BatchError, Config, Converted, Event, Failure, INDEX, Summary, index, output_error};
use crate::model::Report;
use crate::output::{self, AtomicFile, db};

/// The run's output files, each committed whole at the end.
pub(super) struct Writers {
    jsonl: AtomicFile,
    errors: AtomicFile,
    csv: Option<(::csv::Writer<AtomicFile>, ::csv::Writer<AtomicFile>)>,
    index: index::Index,
    kept: Vec<index::Entry>,
    pub(super) ran: Ran,
    last_dir: Option<PathBuf>,
}

/// The inputs of this run that were converted, and those that failed, by the hash of their identity:
/// what the database's rows of files outside the output folder's index are judged by.
#[derive(Default)]
pub(super) struct Ran {
    pub(super) converted: HashSet<u64>,
    pub(super) failed: HashSet<u64>,
}

impl Writers {
    pub(super) fn open(config: &Config, with_csv: bool, index: index::Index) -> Result<Writers, BatchError> {
        let out = &config.out;
        let create = |name: &str| {
            let path = out.join(name);
            AtomicFile::create(&path).map_err(output_error(&path))
        };
        let csv = if with_csv {
            let proposals = output::csv::writer(create("proposals.csv")?, output::csv::PROPOSAL_HEADER);
            let outcomes = output::csv::writer(create("outcomes.csv")?, output::csv::OUTCOME_HEADER);
            Some((proposals.map_err(output_error(out))?, outcomes.map_err(output_error(out))?))
        } else {
            None
        };
        Ok(Writers {
            jsonl: create("proposals.jsonl")?,
            errors: create("errors.jsonl")?,
            csv,
            index,
            kept: Vec::new(),
            ran: Ran::default(),
            last_dir: None,
        })
    }

    /// Writes a converted report to every output; a report file that cannot be written is that input's
    /// failure, and then nothing of it is written.
    pub(super) fn report(
        &mut self,
        converted: &Converted,
        config: &Config,
        summary: &mut Summary,
    ) -> Result<Option<Failure>, BatchError> {
        let input = &converted.input;
        if let Err(reason) = self.report_file(converted, config) {
            return Ok(Some(Failure {
                name: input.name.clone(),
                reason,
                identity: Some(input.identity.clone()),
            }));
        }
        self.ran.converted.insert(index::key(&input.identity));
        match &converted.jsonl {
            Some(jsonl) => self.jsonl.write_all(jsonl),
            None => output::write_jsonl(&mut self.jsonl, &converted.report),
        }
        .map_err(output_error(&config.out))?;
        self.rows(&converted.report, config)?;
        let report = &converted.report;
        summary.converted += 1;
        summary.proposals += report.proposals.len();
        let warnings = report.warnings().count();
        summary.warnings += warnings;
        summary.files_with_warnings += usize::from(warnings > 0);
        summary.bytes += report.source.bytes;
        Ok(None)
    }

    /// The CSV rows of a report.
    fn rows(&mut self, report: &Report, config: &Config) -> Result<(), BatchError> {
        if let Some((proposals, outcomes)) = &mut self.csv {
            output::csv::write_proposals(proposals, report).map_err(output_error(&config.out))?;
            output::csv::write_outcomes(outcomes, report).map_err(output_error(&config.out))?;
        }
        Ok(())
    }

    /// Writes the report's own file where the folder's index places it, creating its folder: what
    /// fails here is its input's failure.
    fn report_file(&mut self, converted: &Converted, config: &Config) -> Result<(), String> {
        let input = &converted.input;
        let place = self
            .index
            .place(input)
            .map_err(|e| format!("cannot write the output folder's index: {e}"))?
            .ok_or_else(|| {
                format!(
                    "every place for its report is taken, {} first; rename the input",
                    input.relative.display()
                )
            })?;
        let target = config.out.join(&place);
        // Inputs come sorted, so the folders of one tree come in runs: create each once.
        if let Some(parent) = target.parent()
            && self.last_dir.as_deref() != Some(parent)
        {
            fs::create_dir_all(parent).map_err(|e| {
                format!("cannot create the folder of its report {}: {e}; rename the input", parent.display())
            })?;
            self.last_dir = Some(parent.to_owned());
        }
        match &converted.json {
            Some(json) => output::write_report(&target, json),
            None => output::write_report_with(&target, |w| output::write_json(w, &converted.report)),
        }
        .map_err(|e| format!("cannot write its report {}: {e}", target.display()))?;
        self.index
            .converted(input, &place)
            .map_err(|e| format!("cannot write the output folder's index: {e}"))?;
        Ok(())
    }

    pub(super) fn failure(&mut self, failure: &Failure) -> Result<(), BatchError> {
        if let Some(identity) = &failure.identity {
            self.index.failed(identity);
            self.ran.failed.insert(index::key(identity));
        }
        let line = serde_json::json!({ "path": failure.name, "error": failure.reason });
        writeln!(self.errors, "{line}")
            .map_err(|source| BatchError::Output { path: "errors.jsonl".into(), source })
    }

    /// Settles the reports of earlier runs that this one did not convert: those of inputs within the run
    /// that are gone or failed have their files removed; the rest are read back into the JSON Lines and
    /// CSV, so those agree with the folder. Gives the identities whose database rows must go.
    pub(super) fn settle(
        &mut self,
        config: &Config,
        mut db: Option<&mut db::Db>,
        summary: &mut Summary,
        on_event: &mut impl FnMut(Event<'_>),
    ) -> Result<HashSet<String>, BatchError> {
        let (kept, removed) = self.index.settle(&config.scope, config.accumulate);
        let mut gone = HashSet::new();
        for entry in removed {
            let path = config.out.join(entry.report_path());
            if let Err(reason) = remove_report(&config.out, &entry.report_path()) {
                // Its rows go all the same: the input is gone or fails.
                on_event(Event::Lost { report: &path, reason: &reason });
            }
            gone.insert(entry.file().to_owned());
            summary.removed += 1;
        }
        for entry in kept {
            let path = config.out.join(entry.report_path());
            let report = fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| serde_json::from_slice::<Report>(&bytes).map_err(|e| e.to_string()));
            match report {
                Ok(report) => {
                    self.jsonl.write_all(&output::to_jsonl(&report)).map_err(output_error(&config.out))?;
                    self.rows(&report, config)?;
                    // The database may lag the folder (a run killed before it stored the report, or
                    // one without the database): an unchanged report costs a lookup.
                    if let Some(db) = db.as_deref_mut()
                        && db.store(&[(entry.file(), &report)], false)?[..] == [db::Stored::Written]
                    {
                        summary.db_written += 1;
                    }
                    self.kept.push(entry);
                }
                Err(reason) => {
                    // A run stopped while it removed the report of an input that is gone leaves this.
                    let reason = if index::is_gone(entry.file()) {
                        "gone, and its input too: removed from every output".to_owned()
                    } else {
                        format!("{reason}; its rows are removed (convert its input again)")
                    };
                    on_event(Event::Lost { report: &path, reason: &reason });
                    gone.insert(entry.file().to_owned());
                    summary.removed += 1;
                }
            }
        }
        Ok(gone)
    }

    /// The reports the folder holds after this run, by the hash of their files: this run's and those
    /// kept.
    pub(super) fn indexed(&self) -> HashSet<u64> {
        let kept = self.kept.iter().map(|e| index::key(e.file()));
        self.ran.converted.iter().copied().chain(kept).collect()
    }

    pub(super) fn commit(self, out: &Path) -> Result<(), BatchError> {
        let index_path = out.join(INDEX);
        self.jsonl.commit().map_err(output_error(&out.join("proposals.jsonl")))?;
        self.errors.commit().map_err(output_error(&out.join("errors.jsonl")))?;
        if let Some((proposals, outcomes)) = self.csv {
            for (w, name) in [(proposals, "proposals.csv"), (outcomes, "outcomes.csv")] {
                let path = out.join(name);
                let file = w.into_inner().map_err(|e| output_error(&path)(e.into_error()))?;
                file.commit().map_err(output_error(&path))?;
            }
        }
        // Last: a run killed before this point leaves the earlier index, which still names every report.
        self.index.finish(&self.kept).map_err(output_error(&index_path))
    }
}

/// Removes a report tian wrote (never a file of the user's own), and the folders it leaves empty.
/// When the file stays, says why.
fn remove_report(out: &Path, relative: &Path) -> Result<(), String> {
    let path = out.join(relative);
    let removed = match fs::symlink_metadata(&path) {
        Err(_) => Ok(()), // gone already
        Ok(_) if !output::is_report(&path) => {
            Err("its input is gone, but the file there is not a report tian wrote: left in place".to_owned())
        }
        Ok(_) => fs::remove_file(&path).map_err(|e| format!("its input is gone, but the report stays: {e}")),
    };
    for folder in relative.ancestors().skip(1).filter(|f| !f.as_os_str().is_empty()) {
        if fs::remove_dir(out.join(folder)).is_err() {
            break;
        }
    }
    removed
}
