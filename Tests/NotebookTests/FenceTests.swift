import Foundation
import Testing
@testable import Notebook

/// The facts about Unicode that `Fence.mayOpen` and `Fence.init`'s backtick test rest on, checked
/// over every scalar rather than assumed.
@Suite struct FenceTests {
    @Test func onlyTheseScalarsEqualAFenceCharacterOrASpace() {
        var backticks: [UInt32] = [], tildes: [UInt32] = [], spaces: [UInt32] = [], found: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = Character(scalar)
            if c == "`" { backticks.append(value) }
            if c == "~" { tildes.append(value) }
            if c == " " { spaces.append(value) }
            // What Foundation's `contains` (in `Fence.init`) can find a backtick in, alone or
            // between letters.
            if value >= 0x80, String(scalar).contains("`") || "a\(scalar)b".contains("`") { found.append(value) }
        }
        #expect(backticks == [0x60, 0x1FEF])
        #expect(tildes == [0x7E])
        #expect(spaces == [0x20])
        #expect(found == [0x1FEF])
    }

    @Test func theBytePreCheckLetsEveryFenceThrough() {
        let lines = ["```", "~~~", "   ```attn", "``\u{1FEF}", "\u{1FEF}\u{1FEF}\u{1FEF}x", "~~~~ ~", "  ```\u{301}", "    ```", "``", "`~`", " \u{301}```"]
        for line in lines {
            let bytes = Array(line.utf8)
            let mayOpen = Fence.mayOpen(bytes, from: 0, to: bytes.count)
            if Fence(line) != nil { #expect(mayOpen, "\(line)") }
            for opener in ["```", "~~~"] where Fence(opener)!.isClosed(by: line) { #expect(mayOpen, "\(line)") }
        }
        #expect(!Fence.mayOpen(Array("    ```".utf8), from: 0, to: 7))
        #expect(!Fence.mayOpen(Array("``".utf8), from: 0, to: 2))
        #expect(!Fence.mayOpen(Array("`~`".utf8), from: 0, to: 3))
    }
}
