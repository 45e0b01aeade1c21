"""Word lists the rule layer relies on: job titles, name-forming titles, demonyms and news outlets."""

from __future__ import annotations

# Job titles and honorifics: never part of a person's name ("President Vladimir Putin" -> "Vladimir Putin").
HEAD_TITLES = frozenset(
    """
    president presidents vice-president premier minister ministers secretary chancellor governor mayor senator
    sen. rep. representative congressman congresswoman congressmember speaker leader chairman chairwoman chair
    chief ceo cfo coo cto founder co-founder director ambassador envoy spokesman spokeswoman spokesperson
    judge justice attorney prosecutor commissioner commander general gen. colonel col. lieutenant lt. major maj.
    captain capt. sergeant sgt. corporal cpl. private pvt. admiral adm. marshal brigadier officer inspector
    detective det. constable sheriff dr. dr doctor prof. prof professor mr. mr mrs. mrs ms. ms miss mx.
    coach manager owner chief-executive executive head boss anchor host reporter correspondent editor
    pastor reverend rev. rabbi imam bishop archbishop cardinal father fr. sister brother deputy aide adviser
    advisor councillor councilor councilman councilwoman lawmaker mp mep diplomat analyst activist
    defender midfielder striker goalkeeper keeper winger forward skipper
    """.split()
)

# Words that may stand before a head title inside a title phrase ("Belarusian Defense Minister").
TITLE_MODIFIERS = frozenset(
    """
    former ex- ex then acting deputy vice prime foreign defense defence interior home finance health
    education justice security intelligence state national federal regional local opposition party
    first lady general attorney chief executive senior junior top lead associate assistant managing
    white house supreme high court district county city army navy air force police military economy
    trade energy culture sports transport labor labour agriculture environment information digital
    u.s. us uk u.k. eu un nato
    """.split()
)

# Titles that are part of how a person is known: they stay in the name ("Prince Harry", "King Charles").
NAME_TITLES = frozenset(
    """
    prince princess king queen duke duchess earl countess emperor empress pope sheikh sheikha sultan
    tsar czar emir lord lady
    """.split()
)

# Job titles that stand straight before a name often enough to mark the next capitalised words as a person.
NAME_PRECEDING_TITLES = frozenset(
    """
    president senator sen. rep. governor gov. mayor colonel col. gen. lieutenant lt. captain capt. sergeant sgt.
    admiral adm. dr. mr. mrs. ms. prof. judge justice ambassador chancellor minister secretary commissioner
    detective coach pastor reverend rev. rabbi imam bishop cardinal spokesman spokeswoman
    """.split()
)

# Demonym suffixes: "Russian", "Belarusian", "Chinese", "British", "Israeli" standing before a title.
DEMONYM_SUFFIXES = ("an", "ian", "ese", "ish", "i", "ch", "ic")

# Place names that are also given names or surnames: never turned from PERSON into a place.
PLACES_THAT_ARE_NAMES = frozenset(
    """
    jordan chad georgia victoria kingston hamilton washington israel florence charlotte austin lincoln
    jackson madison sydney paris london aurora phoenix dallas cairo chelsea
    """.split()
)

# News outlets, agencies and platforms the model often types as WORK_OF_ART or misses: always ORG.
NEWS_OUTLETS = (
    "The Daily Beast", "Daily Beast", "Reuters", "Associated Press", "AFP", "Agence France-Presse",
    "Bloomberg", "BBC", "BBC News", "CNN", "Fox News", "MSNBC", "NBC News", "CBS News", "ABC News", "NPR",
    "The New York Times", "New York Times", "The Washington Post", "Washington Post", "The Wall Street Journal",
    "Wall Street Journal", "USA Today", "Los Angeles Times", "The Los Angeles Times", "Chicago Tribune",
    "The Boston Globe", "Boston Globe", "Politico", "Axios", "HuffPost", "Huffington Post", "BuzzFeed News",
    "Vice News", "Newsweek", "The Atlantic", "The New Yorker", "The Guardian", "The Sunday Times",
    "The Telegraph", "Daily Telegraph", "Daily Mail", "The Daily Mail", "Mail Online", "MailOnline",
    "Daily Mirror", "Daily Express", "Evening Standard", "The Economist", "Financial Times", "Sky News",
    "ITV News", "Channel 4 News", "Al Jazeera", "Deutsche Welle", "France 24", "Euronews", "Le Monde",
    "Der Spiegel", "El País", "Corriere della Sera", "Russia Today", "TASS", "RIA Novosti", "Interfax",
    "Xinhua", "Kyodo", "Yonhap", "Radio Free Europe", "Radio Free Europe/Radio Liberty", "RFE/RL", "RFERL",
    "Kyiv Independent", "The Kyiv Independent", "Ukrainska Pravda", "Meduza", "Novaya Gazeta",
    "The Moscow Times", "Moscow Times", "TMZ", "Page Six", "E! News", "The Hollywood Reporter",
    "Hollywood Reporter", "Rolling Stone", "Entertainment Weekly", "Us Weekly", "Business Insider", "Forbes",
    "CNBC", "MarketWatch", "TechCrunch", "The Verge", "Ars Technica", "Engadget", "Mashable", "Gizmodo",
    "The Intercept", "ProPublica", "Mother Jones", "National Review", "Breitbart", "The Daily Wire",
    "Newsmax", "The Federalist", "New York Post", "The New York Post", "Daily Caller", "The Daily Caller",
    "The Age", "Twitter", "Facebook", "Instagram", "TikTok", "YouTube", "Netflix",
)

# Outlets whose names are also ordinary words ("People", "Time", "The Sun"): retyped to ORG only when the
# model already marked them as a name, never added on their own.
AMBIGUOUS_OUTLETS = (
    "AP", "People", "Time", "Metro", "Vice", "Vox", "Deadline", "Insider", "Fortune", "Variety", "Wired",
    "Slate", "Salon", "The Sun", "The Times", "The Hill", "The Cut", "The Independent", "The Express",
    "The Mirror", "Guardian", "Hello!", "OK!", "RT", "DW", "Bild", "Sputnik", "Spiegel", "PBS",
)

# Last words that make a name an event, award, prize or title, not a person, organisation or place (CoNLL's
# MISC: "World Cup", "Grammy Awards", "Tour de France" aside, which has no such ending).
MISC_HEADS = frozenset(
    """
    award awards prize prizes trophy cup championship championships festival games olympics war battle
    campaign tour album single series grand-prix prix open marathon rally medal
    """.split()
)

# Heads that make a name of two or more words an event, period, treaty or competition ("Stanley Cups", "Middle
# Ages", "Treaty of Versailles", "Kentucky Derby"); alone they may be names ("Derby", "Tours"), so never one word.
EVENT_HEADS = frozenset(
    """
    convention expo exhibition olympiad tournament derby treaty revolution rebellion uprising massacre crusade
    siege invasion ages age era season plebiscite plebiscites referendum summit invitational classic stakes
    handicap bowl challenge masters
    """.split()
)

# Head nouns: the last word of a multi-word name (or the word before 'of' in 'X of Y') says what it names.
# Physical places, features and facilities (news annotation types these as locations).
LOCATION_HEADS = frozenset(
    """
    street st. avenue ave ave. place road rd rd. drive lane boulevard square plaza park playfield reservoir brook creek
    river pond lake lakes bay sea ocean gulf strait island islands isle peninsula mountain mountains hill hills
    valley canyon desert forest cave falls glacier coast beach harbour harbor county parish district province
    township borough village junction airport bridge canal dam stadium arena courthouse mill mills heights springs
    """.split()
)

# Organisations: companies, schools, parties, clubs, units, public bodies.
ORGANISATION_HEADS = frozenset(
    """
    university college school academy institute institution company co. corp corp. corporation inc inc. ltd ltd.
    llc plc group holdings association society federation union league council committee commission agency
    authority ministry department board party band orchestra choir club fc rovers wanderers brigade battalion
    regiment division corps army navy foundation records studios airlines airways bank court exchange a.f.c. f.c.
    """.split()
)

# Head nouns that also name one body on their own in news ("the Army said", "the Union"): kept as a name alone.
STANDALONE_ORGANISATIONS = frozenset("army navy corps union league council commission committee court".split())

# Nouns that introduce the title of a work: the capitalised name right after them is a title (CoNLL's MISC).
WORK_NOUNS = frozenset(
    """
    album albums single song songs ep film films movie movies novel novels book books poem poems opera musical
    documentary sitcom anthem episode episodes series compilation soundtrack painting symphony ballet
    """.split()
)

# Nouns that, standing right before a name, say it is an organisation ("the band Deadsy", "metal band Van Canto").
ORGANISATION_NOUNS = frozenset("band group club team company firm label newspaper magazine broadcaster".split())
