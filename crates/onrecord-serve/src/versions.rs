//! Versions of a page as the pages and the API show them: the list of versions, and for a
//! version what changed against another (by default the one before it), with the stored
//! statements the comparison ([`crate::changes`]) names by index.

use onrecord_core::fold;
use onrecord_store::{ArticleRow, ArticleVersion, ReadStore, StatementRow};

use crate::changes::{self, Changes, Said};
use crate::error::AppError;

/// Versions whose changes the article page lists in full (the newest ones); older versions
/// are listed with a link only. A page is rarely fetched with new text this often, and each
/// comparison reads two versions' texts and statements.
pub const MAX_COMPARED: usize = 20;

/// One version compared with an earlier one.
pub struct Compared {
    /// The earlier version.
    pub from: ArticleVersion,
    /// Its statements, which `changes` indexes as "old".
    pub old: Vec<StatementRow>,
    /// The statements of the version compared, which `changes` indexes as "new".
    pub new: Vec<StatementRow>,
    pub changes: Changes,
}

/// Who said a statement, as a key equal across versions: the stored speaker (identities are
/// shared by every article in the store), else the local mention ("officials"), else "".
fn speaker_key(s: &StatementRow) -> String {
    match (&s.speaker, &s.source) {
        (Some(sp), _) => format!("#{}", sp.id),
        (None, Some(src)) => format!("~{}", fold(src)),
        (None, None) => String::new(),
    }
}

/// Compare two stored versions (rows and texts already read).
pub fn compare(
    from: ArticleVersion,
    old_text: &str,
    old: Vec<StatementRow>,
    new_text: &str,
    new: Vec<StatementRow>,
) -> Compared {
    let old_keys: Vec<String> = old.iter().map(speaker_key).collect();
    let new_keys: Vec<String> = new.iter().map(speaker_key).collect();
    fn said<'a>(rows: &'a [StatementRow], keys: &'a [String]) -> Vec<Said<'a>> {
        rows.iter()
            .zip(keys)
            .map(|(r, k)| Said {
                speaker: k,
                content: &r.content,
            })
            .collect()
    }
    let changes = changes::compare(
        &said(&old, &old_keys),
        &said(&new, &new_keys),
        old_text,
        new_text,
    );
    Compared {
        from,
        old,
        new,
        changes,
    }
}

/// The version just before `row` among `versions` (by version number), if any.
pub fn previous(versions: &[ArticleVersion], row: i64) -> Option<&ArticleVersion> {
    let this = versions.iter().find(|v| v.row == row)?;
    versions
        .iter()
        .filter(|v| v.version < this.version)
        .max_by_key(|v| (v.version, v.row))
}

/// Whether the articles sharing an external id are versions of one page (stored by
/// `Store::insert_version`, which numbers them and supersedes the older), rather than
/// unrelated inputs that happen to share an id (plain ingests, all version 1 and current).
pub fn are_versions(versions: &[ArticleVersion]) -> bool {
    versions.len() > 1
        && versions
            .iter()
            .any(|v| v.version > 1 || v.superseded_by.is_some())
}

/// The current version of a page: the one not superseded (the newest, if a hand-made
/// database has several).
pub fn current(versions: &[ArticleVersion]) -> Option<&ArticleVersion> {
    versions
        .iter()
        .filter(|v| v.superseded_by.is_none())
        .max_by_key(|v| (v.version, v.row))
}

/// Compare the stored article `article` (with its statements) with the stored version
/// `from`.
pub fn compare_stored(
    store: &dyn ReadStore,
    from: &ArticleVersion,
    article: &ArticleRow,
    statements: &[StatementRow],
) -> Result<Compared, AppError> {
    let old = store
        .article(from.row)?
        .ok_or_else(|| AppError::not_found(format!("no article {}", from.row)))?;
    let old_statements = store.article_statements(from.row)?;
    Ok(compare(
        from.clone(),
        &old.article.text,
        old_statements,
        &article.article.text,
        statements.to_vec(),
    ))
}

/// For each of the newest [`MAX_COMPARED`] versions after the first, its changes against
/// the version before it, by the version's row.
pub fn compare_all(
    store: &dyn ReadStore,
    versions: &[ArticleVersion],
) -> Result<Vec<(i64, Compared)>, AppError> {
    let mut out = Vec::new();
    let mut ordered: Vec<&ArticleVersion> = versions.iter().collect();
    ordered.sort_by_key(|v| (v.version, v.row));
    let start = ordered.len().saturating_sub(MAX_COMPARED + 1);
    let mut earlier: Option<(ArticleRow, Vec<StatementRow>)> = None;
    for pair in ordered[start..].windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let old = match earlier.take() {
            Some(o) => o,
            None => match store.article(from.row)? {
                Some(a) => (a, store.article_statements(from.row)?),
                None => continue,
            },
        };
        let Some(new) = store.article(to.row)? else {
            continue;
        };
        let new_statements = store.article_statements(to.row)?;
        let compared = compare(
            from.clone(),
            &old.0.article.text,
            old.1,
            &new.article.text,
            new_statements.clone(),
        );
        out.push((to.row, compared));
        earlier = Some((new, new_statements));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(row: i64, version: u32, superseded_by: Option<i64>) -> ArticleVersion {
        ArticleVersion {
            row,
            version,
            fingerprint: String::new(),
            fetched: None,
            ingested_at: String::new(),
            superseded_by,
            statements: 0,
        }
    }

    #[test]
    fn previous_and_current_versions() {
        let vs = [v(3, 1, Some(8)), v(8, 2, Some(9)), v(9, 3, None)];
        assert_eq!(previous(&vs, 9).map(|v| v.row), Some(8));
        assert_eq!(previous(&vs, 3), None);
        assert_eq!(previous(&vs, 42), None);
        assert_eq!(current(&vs).map(|v| v.row), Some(9));
        // a page that went back to its first text: version 1 is current again
        let back = [v(3, 1, None), v(8, 2, Some(3))];
        assert_eq!(current(&back).map(|v| v.row), Some(3));
        assert!(current(&[]).is_none());
    }

    #[test]
    fn files_sharing_an_id_are_no_versions() {
        assert!(are_versions(&[v(3, 1, Some(8)), v(8, 2, None)]));
        assert!(!are_versions(&[v(3, 1, None), v(8, 1, None)]));
        assert!(!are_versions(&[v(3, 1, None)]));
    }
}
