/// Words that say nothing about what a conversation is about: English
/// function words, and the fillers of speech. Spoken fillers of two words
/// ("you know", "kind of", "sort of", "I mean") are covered by their parts,
/// which in conversation are almost always fillers too ("know", "kind",
/// "sort", "mean"); so are the hedges ("think", "feel", "guess") that
/// carry an opinion's shape but not its subject. Apart: `weak` words.
enum StopWords {
    static let list: [String] = """
        a about above across after again against ago all almost along already also although always am among an and \
        another any anybody anyhow anyone anything anyway anyways anywhere are aren't around as ask asked asking at \
        away back be became because become becomes been before behind being below beside besides best better between \
        beyond both but by came can can't cannot could couldn't did didn't do does doesn't doing don't done down during \
        each either else elsewhere enough etc even ever every everybody everyone everything everywhere few for from \
        further get gets getting give given gives go goes going gone got gotten had hadn't has hasn't have haven't \
        having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've \
        if in indeed instead into is isn't it it'd it'll it's its itself just keep kept last least less let let's \
        like likely made make makes making many may maybe me might mine more moreover most mostly much must my myself \
        near need needs neither never nevertheless next no nobody none nor not nothing now nowhere of off often oh on \
        once one ones only onto or other others otherwise our ours ourselves out over own per perhaps please put \
        quite rather re really said same say saying says see seem seemed seems seen several shall she she'd she'll \
        she's should shouldn't since so some somebody somehow someone something sometime sometimes somewhat somewhere \
        still such take taken takes taking than that that's the their theirs them themselves then there there's \
        thereby therefore these they they'd they'll they're they've thing things this those though through thus to \
        together too took toward towards under unless until up upon us use used uses using very via want wanted wants \
        was wasn't way ways we we'd we'll we're we've well went were weren't what what's whatever when whenever where \
        where's whereas wherever whether which while who who's whoever whole whom whose why will with within without \
        won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves \
        yeah yep okay ok oh ah uh um umm hmm mm huh wow gosh hey hi bye right sure totally absolutely definitely \
        actually basically literally kind sort know mean think thought feel felt guess suppose stuff lot lots bit \
        pretty super gonna wanna gotta kinda sorta like likes liked alright anyway cool great good nice fine thanks \
        thank interesting true fair example different specific certain certainly probably possibly potentially \
        especially generally typically frankly honestly clearly simply quick quickly lots really truly mean means \
        come comes coming talk talking talked tell telling told look looking looked call called try trying tried \
        start started starting able old first second third two three four five six seven eight nine ten \
        one's today week weeks moment person question questions answer \
        sense kinds sorts case cases far little around else also ever
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let hashes: Set<UInt64> = Set(list.map { WordHash.of($0.utf8) })

    /// Words that say nothing alone but belong to phrases that do ("time
    /// series", "point solutions", "high-level", "big models"): they are
    /// content words for key phrases, which must hold another word, and are
    /// left out where words are counted alone (chapters, themes).
    static let weak: [String] = [
        "time", "times", "point", "high", "low", "big", "small", "long", "new", "day", "days", "year", "years",
        "part", "people",
    ]

    static let weakHashes: Set<UInt64> = Set(weak.map { WordHash.of($0.utf8) })
}
