#ifndef TOUCHLINE_TOML_H
#define TOUCHLINE_TOML_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* toml++ (Debian's libtomlplusplus-dev) behind a plain C API, so that Swift walks a parsed TOML tree without
   C++ interop and without Foundation. Nothing here throws: toml++ is built with TOML_EXCEPTIONS=0 and the
   shim catches everything else (allocation failure) before returning. Texts are UTF-8 with an explicit
   length, so embedded NULs survive in both directions. Pointers into a document stay valid until it is freed. */

#ifdef __cplusplus
extern "C" {
#endif

/// A parsed document, or the syntax error that stopped its parse. Free it with touchline_toml_free.
typedef struct touchline_toml_document touchline_toml_document;

/// One node of a parsed document: a table, an array or a value. Owned by its document.
typedef struct touchline_toml_node touchline_toml_node;

/// The kind of a node, as toml++ names them.
typedef enum touchline_toml_kind {
    TOUCHLINE_TOML_TABLE = 1,
    TOUCHLINE_TOML_ARRAY = 2,
    TOUCHLINE_TOML_STRING = 3,
    TOUCHLINE_TOML_INTEGER = 4,
    TOUCHLINE_TOML_FLOAT = 5,
    TOUCHLINE_TOML_BOOLEAN = 6,
    TOUCHLINE_TOML_DATE = 7,
    TOUCHLINE_TOML_TIME = 8,
    TOUCHLINE_TOML_DATE_TIME = 9,
} touchline_toml_kind;

/// One key and its value in a table.
typedef struct touchline_toml_entry {
    /// The key's UTF-8 bytes (not NUL-terminated when the key holds a NUL; use key_length).
    const char *key;
    size_t key_length;
    const touchline_toml_node *value;
} touchline_toml_entry;

/// Parses `length` bytes of UTF-8 TOML text. Returns a document (check touchline_toml_root: NULL after a
/// syntax error), or NULL only when memory runs out.
touchline_toml_document *touchline_toml_parse(const char *text, size_t length);

/// Frees a document and every node in it; NULL is ignored.
void touchline_toml_free(touchline_toml_document *document);

/// The root table, or NULL when the text had a syntax error.
const touchline_toml_node *touchline_toml_root(const touchline_toml_document *document);

/// The syntax error's description (toml++'s own words, e.g. "Error while parsing key-value pair: expected
/// value, saw '\n'") and its length; NULL when the parse succeeded.
const char *touchline_toml_error_description(const touchline_toml_document *document, size_t *length);

/// The 1-based line and column where the syntax error begins; 0 when the parse succeeded.
uint32_t touchline_toml_error_line(const touchline_toml_document *document);
uint32_t touchline_toml_error_column(const touchline_toml_document *document);

/// The kind of `node`.
touchline_toml_kind touchline_toml_kind_of(const touchline_toml_node *node);

/// The number of keys of a table; 0 for any other node.
size_t touchline_toml_table_count(const touchline_toml_node *node);

/// Writes up to `capacity` of a table's entries, in key order, into `entries`; returns how many it wrote.
size_t touchline_toml_table_entries(const touchline_toml_node *node, touchline_toml_entry *entries, size_t capacity);

/// The number of elements of an array; 0 for any other node.
size_t touchline_toml_array_count(const touchline_toml_node *node);

/// The array's element at `index`, or NULL when `index` is out of range or the node is no array.
const touchline_toml_node *touchline_toml_array_element(const touchline_toml_node *node, size_t index);

/// A string's UTF-8 bytes and their count (the bytes may hold NULs); NULL for any other node.
const char *touchline_toml_string(const touchline_toml_node *node, size_t *length);

/// An integer's value; 0 for any other node.
int64_t touchline_toml_integer(const touchline_toml_node *node);

/// A float's value (inf and nan included); 0 for any other node.
double touchline_toml_float(const touchline_toml_node *node);

/// A boolean's value; false for any other node.
bool touchline_toml_boolean(const touchline_toml_node *node);

/// Writes a date, time or date-time as TOML text into `buffer` (NUL-terminated when `capacity` allows; 40 bytes
/// always suffice) and returns its length; 0 for any other node. Dates print as `1979-05-27`, times as
/// `07:32:00.5`, date-times as `1979-05-27T07:32:00-07:00`; a local date-time prints with `Z`, as TOMLKit did.
size_t touchline_toml_date_time_text(const touchline_toml_node *node, char *buffer, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif
