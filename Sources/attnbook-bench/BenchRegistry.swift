// Every group of benchmark cases, in the order printed. A new group is one file defining
// `enum XCases { static var all: [BenchCase] }` and one line here.
func registeredCases() -> [BenchCase] {
    var cases: [BenchCase] = []
    cases += CoreCases.all
    cases += MultiHeadCases.all
    return cases
}
