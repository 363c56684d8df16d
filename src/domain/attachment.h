/* attachment.h - files sent with a public submission: which types are
 * accepted (by their bytes, never by the client's word), the names they are
 * shown and served under, and their storage outside the web root. */
#ifndef DOMAIN_ATTACHMENT_H
#define DOMAIN_ATTACHMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/arena.h"
#include "core/error.h"

enum attachment_type { ATT_PDF, ATT_ODT, ATT_DOCX, ATT_JPEG, ATT_PNG, ATT__MAX };

/* "pdf", "odt", "docx", "jpeg", "png": the code kept in the store. */
extern const char *const attachment_type_codes[ATT__MAX];
/* The Content-Type each type is served with. */
extern const char *const attachment_mime[ATT__MAX];

enum {
	ATTACHMENTS_MAX = 5,          /* per submission */
	ATTACHMENT_NAME_MAX = 200,    /* bytes of a display name */
	ATTACHMENT_STORED_NAME_LEN = 64, /* lowercase hex characters */
};

/* The type a code names, or -1. */
int attachment_type_parse(const char *code);

/* The type the bytes really are, or -1. PDF: "%PDF-" at 0. PNG: the 8-byte
 * signature. JPEG: FF D8 FF. ODT: a ZIP whose first entry is "mimetype",
 * stored, holding exactly "application/vnd.oasis.opendocument.text".
 * DOCX: a ZIP whose central directory (found from the end-of-central-
 * directory record, which must end the data) lists "word/document.xml"
 * at a local header of the same name. Reads only data[0..len). */
int attachment_sniff(const void *data, size_t len);

/* A display name safe for storage and a Content-Disposition header: the
 * base name only (after the last '/' or '\'); control and format characters
 * (bidi overrides, zero-width), quotes, backslashes, slashes and invalid
 * UTF-8 removed; no leading dots; an extension that fits t (one is appended
 * when the client's does not, so a PDF named "x.html" is saved as
 * "x.html.pdf"); at most ATTACHMENT_NAME_MAX bytes, cut on a character
 * boundary before the extension; "attachment.<code>" when nothing is left.
 * Non-ASCII letters are kept. Allocated in a; NULL only when memory runs
 * out. */
const char *attachment_display_name(struct arena *a, const char *client_name,
				    enum attachment_type t);

/* Content-Disposition value for a display name (RFC 6266):
 * attachment; filename="<ASCII, anything else as _>";
 * filename*=UTF-8''<percent-encoded (RFC 5987)>. Allocated in a. */
const char *attachment_disposition(struct arena *a, const char *display_name);

/* True when name is exactly ATTACHMENT_STORED_NAME_LEN lowercase hex
 * characters: the only names store, remove and path accept, so that no
 * name can reach outside the directory. */
bool attachment_stored_name_valid(const char *name);

/* Writes data into dir under a fresh random name (256 bits from libsodium)
 * atomically: a temporary file in dir (created exclusively, mode 0640) is
 * written, synced and renamed, then dir is synced. On failure no file is
 * left behind. *stored_name receives the name (allocated in a). */
int attachment_store(const char *dir, const void *data, size_t len,
		     struct arena *a, const char **stored_name,
		     struct error *err);

/* Removes a stored file, for when the transaction that recorded it fails.
 * ERR_INVALID for a name that is not a stored name, ERR_NOT_FOUND when no
 * such file exists, ERR_IO when the disk fails. */
int attachment_remove(const char *dir, const char *stored_name,
		      struct error *err);

/* Removes what a crash can leave in dir: temporary files, and stored
 * files no record refers to (known(ctx, name) false), when their last
 * change is before `before` (so files of submissions in flight stay).
 * *removed counts them. */
int attachment_sweep(const char *dir, time_t before,
		     bool (*known)(void *ctx, const char *name), void *ctx,
		     int *removed, struct error *err);

/* "dir/stored_name" (allocated in a), or NULL when the name is not a
 * stored name. */
const char *attachment_path(struct arena *a, const char *dir,
			    const char *stored_name);

#endif
