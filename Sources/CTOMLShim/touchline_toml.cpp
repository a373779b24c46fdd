// The C API of touchline_toml.h over toml++ (header-only, TOML_EXCEPTIONS=0: parse returns a parse_result).
#include "touchline_toml.h"

#include <cstdio>
#include <new>
#include <string_view>

#include <toml++/toml.h>

struct touchline_toml_document {
    toml::parse_result result;
};

namespace {

const toml::node *node_of(const touchline_toml_node *node) { return reinterpret_cast<const toml::node *>(node); }

const touchline_toml_node *handle_of(const toml::node *node) { return reinterpret_cast<const touchline_toml_node *>(node); }

// The error of a failed parse; nullptr after a successful one (or for a NULL document).
const toml::parse_error *error_of(const touchline_toml_document *document) {
    if (document == nullptr || document->result.succeeded()) return nullptr;
    return &document->result.error();
}

size_t print_date(char *buffer, size_t capacity, const toml::date &date) {
    int written = std::snprintf(buffer, capacity, "%04u-%02u-%02u", unsigned(date.year), unsigned(date.month),
                                unsigned(date.day));
    return written < 0 ? 0 : size_t(written);
}

// As toml++ prints a time: the fraction without trailing zeros, none when it is zero.
size_t print_time(char *buffer, size_t capacity, const toml::time &time) {
    int written = std::snprintf(buffer, capacity, "%02u:%02u:%02u", unsigned(time.hour), unsigned(time.minute),
                                unsigned(time.second));
    if (written < 0) return 0;
    uint32_t fraction = time.nanosecond;
    if (fraction == 0 || fraction > 999999999u) return size_t(written);
    int digits = 9;
    while (fraction % 10u == 0u) {
        fraction /= 10u;
        digits--;
    }
    size_t used = size_t(written) < capacity ? size_t(written) : capacity;
    int more = std::snprintf(buffer + used, capacity - used, ".%0*u", digits, unsigned(fraction));
    return more < 0 ? size_t(written) : size_t(written) + size_t(more);
}

// As toml++ prints an offset: `Z` for zero, else `+05:30` / `-07:00`.
size_t print_offset(char *buffer, size_t capacity, const toml::time_offset &offset) {
    int minutes = offset.minutes;
    if (minutes == 0) return size_t(std::snprintf(buffer, capacity, "Z") < 0 ? 0 : 1);
    char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    int written = std::snprintf(buffer, capacity, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
    return written < 0 ? 0 : size_t(written);
}

// Appends with `print` at `length` into `buffer`, clamping so that a short buffer only truncates.
template <typename Value>
size_t append(char *buffer, size_t capacity, size_t length,
              size_t (*print)(char *, size_t, const Value &), const Value &value) {
    size_t used = length < capacity ? length : capacity;
    return length + print(buffer + used, capacity - used, value);
}

size_t print_letter(char *buffer, size_t capacity, const char &letter) {
    if (capacity > 1) {
        buffer[0] = letter;
        buffer[1] = '\0';
    } else if (capacity == 1) {
        buffer[0] = '\0';
    }
    return 1;
}

}  // namespace

extern "C" {

touchline_toml_document *touchline_toml_parse(const char *text, size_t length) {
    try {
        std::string_view view = text == nullptr ? std::string_view() : std::string_view(text, length);
        return new touchline_toml_document{toml::parse(view)};
    } catch (...) {
        return nullptr;
    }
}

void touchline_toml_free(touchline_toml_document *document) { delete document; }

const touchline_toml_node *touchline_toml_root(const touchline_toml_document *document) {
    if (document == nullptr || !document->result.succeeded()) return nullptr;
    return handle_of(&document->result.table());
}

const char *touchline_toml_error_description(const touchline_toml_document *document, size_t *length) {
    const toml::parse_error *error = error_of(document);
    if (error == nullptr) {
        if (length != nullptr) *length = 0;
        return nullptr;
    }
    std::string_view description = error->description();
    if (length != nullptr) *length = description.size();
    return description.data();
}

uint32_t touchline_toml_error_line(const touchline_toml_document *document) {
    const toml::parse_error *error = error_of(document);
    return error == nullptr ? 0 : error->source().begin.line;
}

uint32_t touchline_toml_error_column(const touchline_toml_document *document) {
    const toml::parse_error *error = error_of(document);
    return error == nullptr ? 0 : error->source().begin.column;
}

touchline_toml_kind touchline_toml_kind_of(const touchline_toml_node *node) {
    switch (node_of(node)->type()) {
    case toml::node_type::table: return TOUCHLINE_TOML_TABLE;
    case toml::node_type::array: return TOUCHLINE_TOML_ARRAY;
    case toml::node_type::string: return TOUCHLINE_TOML_STRING;
    case toml::node_type::integer: return TOUCHLINE_TOML_INTEGER;
    case toml::node_type::floating_point: return TOUCHLINE_TOML_FLOAT;
    case toml::node_type::boolean: return TOUCHLINE_TOML_BOOLEAN;
    case toml::node_type::date: return TOUCHLINE_TOML_DATE;
    case toml::node_type::time: return TOUCHLINE_TOML_TIME;
    case toml::node_type::date_time: return TOUCHLINE_TOML_DATE_TIME;
    case toml::node_type::none: break;
    }
    return TOUCHLINE_TOML_TABLE;  // toml++ never puts a node of type none in a parsed tree
}

size_t touchline_toml_table_count(const touchline_toml_node *node) {
    const toml::table *table = node_of(node)->as_table();
    return table == nullptr ? 0 : table->size();
}

size_t touchline_toml_table_entries(const touchline_toml_node *node, touchline_toml_entry *entries, size_t capacity) {
    const toml::table *table = node_of(node)->as_table();
    if (table == nullptr) return 0;
    size_t count = 0;
    for (auto &&[key, value] : *table) {
        if (count == capacity) break;
        entries[count] = touchline_toml_entry{key.str().data(), key.str().size(), handle_of(&value)};
        count++;
    }
    return count;
}

size_t touchline_toml_array_count(const touchline_toml_node *node) {
    const toml::array *array = node_of(node)->as_array();
    return array == nullptr ? 0 : array->size();
}

const touchline_toml_node *touchline_toml_array_element(const touchline_toml_node *node, size_t index) {
    const toml::array *array = node_of(node)->as_array();
    return array == nullptr ? nullptr : handle_of(array->get(index));
}

const char *touchline_toml_string(const touchline_toml_node *node, size_t *length) {
    const toml::value<std::string> *string = node_of(node)->as_string();
    if (string == nullptr) {
        if (length != nullptr) *length = 0;
        return nullptr;
    }
    if (length != nullptr) *length = string->get().size();
    return string->get().data();
}

int64_t touchline_toml_integer(const touchline_toml_node *node) {
    const toml::value<int64_t> *integer = node_of(node)->as_integer();
    return integer == nullptr ? 0 : integer->get();
}

double touchline_toml_float(const touchline_toml_node *node) {
    const toml::value<double> *number = node_of(node)->as_floating_point();
    return number == nullptr ? 0 : number->get();
}

bool touchline_toml_boolean(const touchline_toml_node *node) {
    const toml::value<bool> *boolean = node_of(node)->as_boolean();
    return boolean != nullptr && boolean->get();
}

size_t touchline_toml_date_time_text(const touchline_toml_node *node, char *buffer, size_t capacity) {
    const toml::node *value = node_of(node);
    if (const auto *date = value->as_date()) return append(buffer, capacity, 0, print_date, date->get());
    if (const auto *time = value->as_time()) return append(buffer, capacity, 0, print_time, time->get());
    const auto *dateTime = value->as_date_time();
    if (dateTime == nullptr) return 0;
    const toml::date_time &moment = dateTime->get();
    size_t length = append(buffer, capacity, 0, print_date, moment.date);
    length = append(buffer, capacity, length, print_letter, 'T');
    length = append(buffer, capacity, length, print_time, moment.time);
    // TOMLKit passed a date-time without an offset back to toml++ with offset zero, so it printed `Z`.
    return append(buffer, capacity, length, print_offset, moment.offset.value_or(toml::time_offset{}));
}

}  // extern "C"
