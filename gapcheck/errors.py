"""Errors raised by gapcheck. Every one names the input and says what to do next."""

from __future__ import annotations


class GapcheckError(Exception):
    """Base class for every error gapcheck raises on purpose (exit code 1 in the CLI)."""

    kind = "error"


class DocumentError(GapcheckError):
    """A resume or posting could not be turned into text."""

    kind = "document"


class FileMissingError(DocumentError):
    kind = "missing_file"


class NotAFileError(DocumentError):
    kind = "not_a_file"


class UnreadableFileError(DocumentError):
    """The file or folder exists but may not be read (permissions)."""

    kind = "permission_denied"


class OutsideFolderError(DocumentError):
    """A symbolic link in a scanned folder that points outside it: not followed."""

    kind = "outside_folder"


class EmptyDocumentError(DocumentError):
    kind = "empty"


class UnsupportedFormatError(DocumentError):
    kind = "unsupported_format"


class CorruptPdfError(DocumentError):
    kind = "corrupt_pdf"


class EncryptedPdfError(DocumentError):
    kind = "encrypted_pdf"


class NoTextLayerError(DocumentError):
    kind = "no_text_layer"


class BinaryTextError(DocumentError):
    kind = "binary_text"


class StorageError(DocumentError):
    """A file or folder at a URL (``s3://``, ``gs://``...) could not be read: no connection,
    no credentials, or an error of the store."""

    kind = "storage"


class LimitExceededError(DocumentError):
    kind = "limit_exceeded"


class TimeoutExceededError(LimitExceededError):
    kind = "timeout"


class NoSkillsFoundError(GapcheckError):
    kind = "no_skills"


class NotAResumeError(NoSkillsFoundError):
    """Text with no skill, no heading, no dates and no contact details: not a resume at all."""

    kind = "not_a_resume"


class InvalidTaxonomyError(GapcheckError):
    kind = "invalid_taxonomy"


class UnknownRoleError(GapcheckError):
    kind = "unknown_role"


class OutputExistsError(GapcheckError):
    kind = "output_exists"


class OutputError(GapcheckError):
    """An output file could not be written (missing folder, read-only, disk full), or is
    not one gapcheck may write (not a regular file, not gapcheck's own JSONL)."""

    kind = "output"


class OutputLockedError(OutputError):
    """Another ``gapcheck batch`` is writing the same output file."""

    kind = "output_locked"


class InvalidOptionError(GapcheckError, ValueError):
    """An option value out of its range (``Options``, ``Limits``); a ``ValueError`` too."""

    kind = "invalid_option"
