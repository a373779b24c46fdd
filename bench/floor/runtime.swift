// bench/floor.sh's Swift floor: a program on the same runtime as touchline's release build (the standard
// library, Dispatch and FoundationEssentials linked statically) that decodes one JSON document and then idles.
// Its resident memory is what the runtime costs before any of touchline's own code runs.
import FoundationEssentials
import Glibc

struct Probe: Codable { var name: String; var interval: Double }

let probes = try JSONDecoder().decode([Probe].self, from: Data(#"[{"name": "api", "interval": 1}]"#.utf8))
print("\(probes.count) probe", terminator: "\n")
let seconds = CommandLine.arguments.count > 1 ? UInt32(CommandLine.arguments[1]) ?? 10 : 10
sleep(seconds)
