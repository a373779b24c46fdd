import Testing
@testable import TouchlineCore

/// The one quoting of every command line touchline shows: a POSIX shell splits each line back into the argv.
@Suite("Shell quoting")
struct ShellQuoteTests {
    @Test("plain words stay as they are; every other one is single-quoted",
          arguments: [("pg_dump", "pg_dump"), ("--dbname=host=db", "--dbname=host=db"), ("/var/b/x.sql.gz", "/var/b/x.sql.gz"),
                      ("1.5.0+b2", "1.5.0+b2"), ("user@host:5432,a%b", "user@host:5432,a%b"),
                      ("", "''"), ("two words", "'two words'"), ("it's", #"'it'\''s'"#), (#"say "hi""#, #"'say "hi"'"#),
                      ("$HOME", "'$HOME'"), ("`id`", "'`id`'"), ("a\nb", "'a\nb'"), ("*", "'*'"), ("{release}", "'{release}'"),
                      ("é", "'é'"), ("a;b", "'a;b'"), ("a|b", "'a|b'"), ("~", "'~'"), ("!x", "'!x'"), ("\\", "'\\'")])
    func quote(_ pair: (String, String)) {
        #expect(ShellQuote.quote(pair.0) == pair.1)
    }

    @Test("a line round-trips through a POSIX shell's splitting: each word is one argument")
    func roundTrip() {
        let argv = ["printf", "%s|", "", "a b", "it's", "$x", "two\nlines", "'"]
        #expect(ShellQuote.line(argv) == #"printf '%s|' '' 'a b' 'it'\''s' '$x' 'two"# + "\nlines' " + #"''\'''"#)
        #expect(Self.split(ShellQuote.line(argv)) == argv)
    }

    @Test("a pipeline joins its lines with a bar")
    func pipeline() {
        #expect(ShellQuote.pipeline([["gunzip", "-c", "--", "/b/x y.sql.gz"], ["psql", "-X"]]) == "gunzip -c -- '/b/x y.sql.gz' | psql -X")
        #expect(ShellQuote.pipeline([]) == "")
    }

    /// Splits `line` as a POSIX shell splits words made of plain characters, single-quoted parts and `\'`.
    private static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word: String?
        var quoted = false
        var escaped = false
        for character in line {
            if escaped {
                word = (word ?? "") + String(character)
                escaped = false
            } else if character == "\\" && !quoted {
                escaped = true
            } else if quoted {
                if character == "'" { quoted = false } else { word?.append(character) }
            } else if character == "'" {
                quoted = true
                word = word ?? ""
            } else if character == " " {
                if let done = word { words.append(done) }
                word = nil
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let word { words.append(word) }
        return words
    }
}
