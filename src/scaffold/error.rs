//! Why `baucu new` wrote nothing, in both languages, with what to do instead.

use crate::diagnostics::{tr, Localized};
use std::path::PathBuf;

/// A province as an error names it: `quang-ninh` (Quảng Ninh, 22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub slug: String,
    pub name: String,
    pub code: u32,
}

impl Named {
    fn shown(&self) -> String {
        format!("`{}` ({}, {:02})", self.slug, self.name, self.code)
    }
}

/// A name that is none of the 34 provinces, and the provinces it may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub given: String,
    /// A former province merged into this one in 2025, when `given` is one.
    pub merged_into: Option<Named>,
    /// The closest provinces, best first (empty when nothing is close).
    pub closest: Vec<Named>,
    /// Every province, for the hint when nothing is close.
    pub all: Vec<Named>,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The name given is none of the 34 provinces.
    #[error("no province named `{}`", .0.given)]
    UnknownProvince(Box<Unknown>),
    /// `content/<slug>/` is already there.
    #[error("{} already exists", dir.display())]
    ProvinceExists { dir: PathBuf },
    /// The folder holds files but no `baucu.yaml`.
    #[error("{} is not empty and holds no baucu.yaml", dir.display())]
    NotAProject { dir: PathBuf },
    /// The path is a file.
    #[error("{} is not a folder", dir.display())]
    NotAFolder { dir: PathBuf },
    /// The project's `baucu.yaml` could not be read (the province would not match it).
    #[error("{} cannot be read: {message}", file.display())]
    BadConfig { file: PathBuf, message: Localized },
    /// Reading the folder or writing a file failed; what was written is removed.
    #[error("cannot write {}: {error}", path.display())]
    Io { path: PathBuf, error: String },
}

impl NewError {
    pub fn message(&self) -> Localized {
        match self {
            NewError::UnknownProvince(unknown) => {
                let given = &unknown.given;
                match &unknown.merged_into {
                    Some(into) => tr!(
                        "`{given}` không còn là một tỉnh: từ năm 2025 đã hợp nhất vào {}",
                        "`{given}` is no longer a province: since 2025 it is part of {}",
                        into.name
                    ),
                    None => tr!(
                        "không có tỉnh, thành phố nào tên `{given}` trong 34 tỉnh, thành phố từ năm 2025",
                        "no province or city named `{given}` among the 34 of 2025"
                    ),
                }
            }
            NewError::ProvinceExists { dir } => {
                let dir = dir.display();
                tr!(
                    "tỉnh này đã có trong dự án: {dir} đã tồn tại; không ghi đè tệp nào",
                    "this province is already in the project: {dir} exists; nothing was overwritten"
                )
            }
            NewError::NotAProject { dir } => {
                let dir = dir.display();
                tr!(
                    "thư mục {dir} đã có tệp nhưng không phải dự án baucu (không có baucu.yaml)",
                    "the folder {dir} is not empty and is not a baucu project (it has no baucu.yaml)"
                )
            }
            NewError::NotAFolder { dir } => {
                let dir = dir.display();
                tr!(
                    "{dir} là một tệp, không phải thư mục",
                    "{dir} is a file, not a folder"
                )
            }
            NewError::BadConfig { file, message } => {
                let file = file.display();
                Localized::new(
                    format!("không đọc được {file}: {}", message.vi),
                    format!("cannot read {file}: {}", message.en),
                )
            }
            NewError::Io { path, error } => {
                let path = path.display();
                tr!(
                    "không ghi được {path}: {error}",
                    "cannot write {path}: {error}"
                )
            }
        }
    }

    pub fn hint(&self) -> Option<Localized> {
        let hint = match self {
            NewError::UnknownProvince(unknown) => match &unknown.merged_into {
                Some(into) => {
                    let slug = &into.slug;
                    tr!(
                        "dùng --province {slug} (Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh)",
                        "use --province {slug} (Resolution No. 202/2025/QH15 on the reorganisation of the provinces)"
                    )
                }
                None if !unknown.closest.is_empty() => {
                    let names = list(&unknown.closest);
                    tr!("có phải là: {names}?", "did you mean: {names}?")
                }
                None => {
                    let names = list(&unknown.all);
                    tr!(
                        "gọi tỉnh bằng tên (có hoặc không dấu), mã thư mục hoặc mã thống kê: {names}",
                        "name the province by its name (with or without tone marks), slug or statistics code: {names}"
                    )
                }
            },
            NewError::ProvinceExists { .. } => tr!(
                "để làm lại từ đầu, xóa hoặc đổi tên thư mục đó rồi chạy lại",
                "to start it again, delete or rename that folder and run again"
            ),
            NewError::NotAProject { .. } | NewError::NotAFolder { .. } => tr!(
                "chọn một thư mục mới hoặc trống (baucu sẽ tạo), hoặc thư mục của một dự án có sẵn để thêm tỉnh",
                "choose a new or empty folder (baucu creates it), or the folder of an existing project to add the province to it"
            ),
            NewError::BadConfig { file, .. } => {
                let dir = file.parent().unwrap_or(file).display();
                tr!(
                    "sửa baucu.yaml (baucu check --root {dir} chỉ rõ lỗi) rồi chạy lại",
                    "fix baucu.yaml (baucu check --root {dir} shows where) and run again"
                )
            }
            NewError::Io { .. } => tr!(
                "không có tệp nào được ghi; kiểm tra quyền ghi và dung lượng trống của thư mục",
                "nothing was written; check that the folder is writable and has space"
            ),
        };
        Some(hint)
    }
}

fn list(provinces: &[Named]) -> String {
    provinces
        .iter()
        .map(Named::shown)
        .collect::<Vec<_>>()
        .join(", ")
}
