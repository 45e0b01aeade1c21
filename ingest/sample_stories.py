"""Invented story lines (people, places, prose templates) that the sample corpus generator fills in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Person:
    """An invented person: `role` is the title used on first mention ("Defense Minister")."""

    role: str
    first: str
    last: str


@dataclass(frozen=True, slots=True)
class Storyline:
    """One news story line. Templates use slots: {P0}..{P3} (role and full name), {P0n} (full name),
    {P0s} (surname), {P0p} (surname possessive), {CITY}, {CITY2}, {COUNTRY}, {ORG}, {N}, {N2}, {PCT}, {DAY}."""

    key: str
    topic: str
    cast: tuple[Person, ...]
    cities: tuple[str, ...]
    countries: tuple[str, ...]
    orgs: tuple[str, ...]
    titles: tuple[str, ...]
    deks: tuple[str, ...]
    paragraphs: tuple[str, ...]


STORYLINES: tuple[Storyline, ...] = (
    Storyline(
        key="varenia_border",
        topic="conflict",
        cast=(
            Person("President", "Marek", "Dovrany"),
            Person("Defense Minister", "Ilse", "Karvonen"),
            Person("General", "Tomas", "Reyl"),
            Person("Foreign Minister", "Anouk", "Brenner"),
        ),
        cities=("Geneva", "Vienna", "Warsaw", "Bucharest", "Istanbul", "Brussels"),
        countries=("Poland", "Romania", "Turkey", "Austria", "Hungary"),
        orgs=("the United Nations", "the Red Cross", "the OSCE"),
        titles=(
            "{P0s} sends {N} more troops to the northern border as talks in {CITY} stall",
            "Varenia and Karsland trade artillery fire for a {DAYN} day, {ORG} office in {CITY} says",
            "{P1s} warns of a long war after drills near the {COUNTRY} frontier",
            "Panic reaches the {COUNTRY} border as {P0s} calls up {N} reservists",
            "Ceasefire talks in {CITY} collapse after {P3s} walks out",
            "Refugees cross into {COUNTRY} as shelling hits Karsland villages",
        ),
        deks=(
            "The buildup of armour along the frontier is the largest since the two neighbours signed a truce.",
            "Diplomats in {CITY} say neither side is ready to give ground before the winter.",
            "Families in the border districts say they have started packing their cars.",
        ),
        paragraphs=(
            "Varenia is sending as many as {N} soldiers and hundreds of armoured vehicles to its northern border, "
            "the Varenian Defense Ministry said on {DAY}. According to the ministry, the units will hold live-fire "
            "exercises within sight of Karsland's forward positions.",
            "{P0} said the deployment was a response to what he called “months of provocation” from Karsland. "
            "Speaking in the capital, {P0s} promised that the army would not cross the frontier unless attacked.",
            "{P1} told reporters that the ministry had moved air-defence batteries closer to the river. "
            "“We are ready for every scenario, and we will not be taken by surprise again,” {P1s} said.",
            "The head of the general staff, {P2}, said the first trains carrying tanks had already arrived. "
            "{P2p} officers have been ordered to cancel all leave until the end of the month.",
            "Talks brokered by {ORG} in {CITY} broke up on {DAY} without a date for a new round. "
            "{P3} accused Varenia of negotiating “with one hand while loading guns with the other.”",
            "In the border town of Drelsk, shopkeepers boarded up windows and queues formed outside the only "
            "petrol station. Many residents said they would drive to relatives in {COUNTRY} if the shelling resumed.",
            "Aid agencies estimate that {N2} people have crossed into {COUNTRY} since the start of the month. "
            "Officials in {CITY2} said reception centres were close to capacity and asked for more tents and blankets.",
            "Analysts say {P0s} is using the crisis to rally support at home. "
            "“This is psychological warfare as much as a military plan,” said a former diplomat in {CITY}, "
            "adding that {P0p} approval rating had climbed by {PCT} percent in a month.",
            "Karsland has denied moving its own troops, but satellite images published by {ORG} show new trenches "
            "and fuel depots along a twenty-kilometre stretch of the frontier.",
            "{P1s} later visited a tractor factory that has been converted to repair armoured vehicles. "
            "She told workers that the country was “practising for peace by preparing for war.”",
            "Opposition leaders called on {P0s} to publish the full cost of the deployment. "
            "Parliament is due to debate an emergency budget of {N} million euros on {DAY}.",
            "{P2s} insisted the exercises were purely defensive. “We are not going to attack anyone,” he said, "
            "“but anyone who tests us will find us awake.”",
        ),
    ),
    Storyline(
        key="wessmark_royals",
        topic="royals",
        cast=(
            Person("Prince", "Aldric", "Halloway"),
            Person("Duchess", "Rosalind", "Fairmont"),
            Person("King", "Edmund", "Halloway"),
            Person("royal biographer", "Clara", "Penhallow"),
        ),
        cities=("London", "Windsor", "Edinburgh", "Monaco", "Los Angeles", "Paris"),
        countries=("Scotland", "France", "the United States", "Canada"),
        orgs=("Wessmark Palace", "the Royal Foundation", "the Kingsbridge Trust"),
        titles=(
            "{P0p} new heartbreak revealed after {CITY} visit",
            "{P1} breaks her silence on the {CITY} balcony snub",
            "What {P0s} and {P1s} did that annoyed {P2} at the {CITY} jubilee",
            "{P2} is allowing one non-working royal on the balcony in {CITY}",
            "The real reason {P1s} still shares a home in {CITY} with her ex-husband",
            "{P0p} six-word reply to a boy in {CITY} who had no idea who he was",
        ),
        deks=(
            "Palace insiders say the rift began long before the jubilee in {CITY}.",
            "The prince was seen leaving a bakery in {CITY} alone, fuelling fresh rumours.",
            "Fans spotted a detail in the official photograph that the palace did not explain.",
        ),
        paragraphs=(
            "{P0} has penned a moving message in tribute to an old friend from his army days, hours after "
            "his attendance at the jubilee celebrations in {CITY} was confirmed by {ORG}.",
            "According to {P3}, the prince and {P1} have not spoken privately since the spring. "
            "“There is real hurt on both sides,” {P3s} said, “and the palace does not know how to fix it.”",
            "{P2} is said to be furious that details of the seating plan leaked to the press. "
            "{P2p} aides insist only working members of the family will stand with him on the balcony.",
            "Millions of viewers watched the ceremony on Channel Nine, and many noticed that {P0s} arrived "
            "{N} minutes late with his children walking up the aisle behind him.",
            "The couple were photographed in {CITY2} last week at a charity dinner, where {P1s} wore a borrowed "
            "tiara that once belonged to the late queen. Guests said the pair barely spoke to each other.",
            "{P1s} has been doggedly loyal to her former husband, describing him in a television interview as "
            "“a wonderful man who has been treated badly by people who should know better.”",
            "A spokesperson for {ORG} declined to comment on what they called “private family matters”, "
            "but did not deny that {P0s} had asked for a meeting with his father.",
            "In a resurfaced clip shared {N2} times online, {P0s} was filmed meeting the public during a walkabout "
            "in {CITY}. A boy in the crowd asked when Prince Aldric would arrive, and the prince replied with a wink.",
            "Royal watchers say the row echoes an old dispute over the Kingsbridge estate in {COUNTRY}, which "
            "{P2s} sold against the advice of his children.",
            "{P3s} believes a reconciliation is still possible. “They love each other, and the king is not "
            "getting any younger,” she said. “Something has to give before the coronation.”",
            "Fans have started a petition asking {ORG} to let the couple appear together at the autumn service. "
            "It had collected more than {N2} signatures by {DAY}.",
        ),
    ),
    Storyline(
        key="lena_marlow_tour",
        topic="celebrity",
        cast=(
            Person("singer", "Lena", "Marlow"),
            Person("actor", "Dorian", "Vasquez"),
            Person("talent manager", "Priya", "Okafor"),
            Person("talk show host", "Gus", "Whitcombe"),
        ),
        cities=("Los Angeles", "New York", "Lisbon", "Sydney", "Berlin", "Toronto"),
        countries=("Australia", "Portugal", "Germany", "Canada", "Japan"),
        orgs=("Starline Records", "Meridian Pictures"),
        titles=(
            "{P0} cancels {CITY} show hours before curtain",
            "{P0s} and {P1s} spark engagement rumours in {CITY}",
            "{P0s} stuns fans with a surprise duet in {CITY}",
            "{P1} reveals the {COUNTRY} role that nearly ended his career",
            "{P0p} manager hits back at {CITY} tour ticket chaos",
            "Why {P3s} walked off his own show after {P0p} {DAY} interview",
        ),
        deks=(
            "Fans who travelled from {COUNTRY} were told about the cancellation by text message.",
            "The couple were seen leaving a restaurant in {CITY} through the kitchen door.",
            "The star says the last year has been the hardest of her life.",
        ),
        paragraphs=(
            "{P0} has cancelled her sold-out concert in {CITY} less than three hours before she was due on "
            "stage, leaving {N2} fans stranded outside the arena on {DAY} night.",
            "In a statement, {ORG} blamed a “sudden illness” and promised full refunds. "
            "{P2} later said the singer had been “running on empty” for weeks.",
            "{P0s} and {P1} were photographed holding hands at a gallery opening in {CITY2}, "
            "and eagle-eyed fans noticed a large ring on {P0p} left hand.",
            "{P1s}, who won a prize at the Golden Reel Awards last year, told an interviewer that he had almost quit acting "
            "after a film shot in {COUNTRY} went badly over budget.",
            "Appearing on the late show hosted by {P3}, {P0s} joked about the rumours but refused to confirm "
            "anything. “My mother reads these stories, so be kind,” she said.",
            "Tickets for the rescheduled {CITY} date sold out in {N} minutes, and resale prices climbed to "
            "{PCT} times their face value within an hour.",
            "{P2s} hit back at critics of the tour, saying the team had “done everything humanly possible” to "
            "keep fans informed and that the venue in {CITY2} had changed its rules at the last minute.",
            "{P3s} later apologised to viewers for walking off set. “I should have stayed, and I should have "
            "asked better questions,” he said on {DAY}.",
            "The singer's new album, recorded in {COUNTRY} over the winter, is due out next month and "
            "includes a duet with {P1s}.",
            "People close to {P0s} say she plans to take a long break after the tour ends in {CITY}. "
            "“She wants to be a person again, not a product,” one friend said.",
        ),
    ),
    Storyline(
        key="grain_prices",
        topic="economy",
        cast=(
            Person("Finance Minister", "Helena", "Strand"),
            Person("central bank governor", "Rafael", "Ibarra"),
            Person("economist", "Yusuf", "Demir"),
            Person("farmer", "Gwen", "Tallis"),
        ),
        cities=("Frankfurt", "Chicago", "Rotterdam", "Nairobi", "Madrid", "Milan"),
        countries=("Germany", "Kenya", "Spain", "Brazil", "India", "Italy"),
        orgs=("the Northern Grain Cooperative", "Harlow & Pike", "the central bank", "the Treasury"),
        titles=(
            "Bread prices climb {PCT}% as grain shortage bites in {COUNTRY}",
            "{P1s} signals rate pause as inflation cools in {COUNTRY}",
            "Farmers in {COUNTRY} warn of losses after wheat prices slump {PCT}%",
            "{P0} unveils {N} million euro support package as bread prices soar in {CITY}",
            "Markets slide in {CITY} after {P1s} says the fight against inflation is not over",
            "Fuel costs push the Northern Grain Cooperative to cut its harvest forecast by {PCT}%",
        ),
        deks=(
            "Households are paying more for staples than at any time in a decade.",
            "Traders in {CITY} say the worst of the price shock may already be over.",
            "The cooperative says smaller farms will not survive another season like this one.",
        ),
        paragraphs=(
            "The price of a standard loaf has risen by {PCT} percent since January, according to figures "
            "published on {DAY} by {ORG}, as a poor harvest and high fuel costs squeeze bakers and shoppers.",
            "{P0} told parliament that the government would spend {N} million euros to help small bakeries "
            "pay their energy bills. “Nobody should have to choose between heating and bread,” {P0s} said.",
            "{P1}, speaking at a conference in {CITY}, said the central bank would keep interest rates on hold "
            "for now but was “ready to act” if prices kept rising.",
            "{P2}, who follows commodity markets for Harlow & Pike, said wheat futures in {CITY2} had fallen for "
            "{N2} straight sessions. “The panic buying is over, but the damage to farm incomes is done,” he said.",
            "{P3}, who grows barley and wheat on rented land, said her fertiliser bill had doubled in two years. "
            "“I work harder and earn less every season,” {P3s} said.",
            "Exports from {COUNTRY} have slowed after a dry summer, and shipping costs through Rotterdam have "
            "climbed as insurers raised premiums on grain cargoes.",
            "{P1p} comments sent the euro lower against the dollar, and shares in food retailers fell by as "
            "much as {PCT} percent in afternoon trading.",
            "The opposition called the support package “a sticking plaster” and urged {P0s} to cut value-added "
            "tax on basic food instead.",
            "{ORG} expects prices to stabilise by the autumn if the harvest in {COUNTRY} recovers, but warned "
            "that a second dry year would push hundreds of farms out of business.",
            "{P2s} said consumers should not expect prices to fall back to where they were. "
            "“Higher prices tend to stick, even when costs come down,” he said.",
            "Retailers in {CITY} have begun selling smaller loaves at the old price, a practice critics call "
            "shrinkflation and which {P0s} promised to investigate.",
        ),
    ),
    Storyline(
        key="harbour_cup",
        topic="sport",
        cast=(
            Person("coach", "Stefan", "Lindqvist"),
            Person("captain", "Marco", "Bellandi"),
            Person("striker", "Kofi", "Asante"),
            Person("club president", "Ingrid", "Vollan"),
        ),
        cities=("Manchester", "Lisbon", "Madrid", "Glasgow", "Munich", "Turin"),
        countries=("Portugal", "Spain", "Scotland", "Germany", "Italy"),
        orgs=("the national football association", "the league"),
        titles=(
            "{P2s} scores twice in {CITY} as Harbour City reach the cup final",
            "{P0} sacked after {CITY} defeat extends winless run to {N} games",
            "Injury blow for {P1s} ahead of {CITY} showdown",
            "Harbour City fined {N} thousand euros after crowd trouble in {CITY}",
            "{P3s} promises new stadium as fans protest in {CITY}",
            "Last-minute penalty sinks Redmoor in {CITY}",
        ),
        deks=(
            "The win sets up a final against the reigning champions next month.",
            "Supporters chanted against the board for the whole of the second half.",
            "The striker has now scored in {N} consecutive matches.",
        ),
        paragraphs=(
            "{P2} scored twice in the second half as Harbour City beat Redmoor Athletic 3-1 in {CITY} on {DAY} "
            "to reach their first cup final in {N} years.",
            "{P0} praised his players for keeping their nerve after going a goal down. "
            "“At half-time I asked them to play for each other, and they did,” {P0s} said.",
            "{P1}, who has been nursing a hamstring injury, limped off midway through the first half and is "
            "doubtful for the final. {P1p} absence would be a major blow.",
            "The club was later fined by {ORG} after fans threw flares onto the pitch, delaying the restart "
            "by {N} minutes.",
            "{P3} used the victory to promise a new stadium on the waterfront. Critics pointed out that similar "
            "promises had been made in each of the last three seasons.",
            "{P2s}, who joined from a club in {COUNTRY} last summer, has now scored {N2} goals in all competitions. "
            "Scouts from clubs in {CITY2} were reported to be in the stands.",
            "Redmoor had taken the lead through a header from a corner, but their defence collapsed after "
            "the break and their goalkeeper was booed by his own supporters.",
            "“This is a special night for the city,” {P2s} said. “My family watched in {COUNTRY} and my phone "
            "has not stopped ringing.”",
            "The final will be played in {CITY2} next month. Harbour City have received {N2} ticket requests, "
            "three times their allocation.",
            "{P0s} refused to discuss his own future, despite reports that the board had approached another "
            "coach in the spring.",
        ),
    ),
    Storyline(
        key="storm_elva",
        topic="weather",
        cast=(
            Person("Mayor", "Beatrix", "Oduya"),
            Person("forecaster", "Liam", "Carrow"),
            Person("Interior Minister", "Nils", "Haugen"),
            Person("firefighter", "Amara", "Keane"),
        ),
        cities=("Lisbon", "Porto", "Dublin", "Cork", "Bordeaux", "Seville"),
        countries=("Portugal", "Ireland", "France", "Spain"),
        orgs=("the Red Cross", "the coastguard", "the civil protection agency"),
        titles=(
            "Storm Elva batters the {COUNTRY} coast with winds of {N} km/h",
            "Thousands evacuated as floods hit {CITY}",
            "{P0s} declares emergency in {CITY} after river bursts its banks",
            "Forecasters in {CITY} warn of a second storm after {DAY}",
            "Death toll rises to {N} as Storm Elva moves inland from {CITY}",
            "Clean-up begins in {CITY} after the worst floods in decades",
        ),
        deks=(
            "The storm brought a month of rain in a single day to parts of {COUNTRY}.",
            "Emergency crews worked through the night to reach villages cut off by landslides.",
            "Officials say the damage will take months to repair.",
        ),
        paragraphs=(
            "Storm Elva brought winds of up to {N} kilometres per hour to the coast of {COUNTRY} on {DAY}, "
            "tearing roofs from houses and leaving {N2} homes without power.",
            "{P0}, the mayor of {CITY}, declared a state of emergency after the river burst its banks in the "
            "old town. “We have never seen water this high,” {P0s} said.",
            "{P1}, a senior forecaster at the national weather service, said the storm had dropped a month of rain in twenty-four hours. "
            "{P1s} warned that a second system could arrive before the weekend.",
            "{P2} said {N} soldiers had been sent to help with evacuations, and that schools in the region would "
            "stay closed until further notice.",
            "{P3}, who spent the night rescuing families from flooded ground floors, said crews had pulled "
            "dozens of people from cars trapped on the coast road near {CITY2}.",
            "Trains between {CITY} and {CITY2} were suspended after a landslide blocked the line, and the airport "
            "cancelled more than {N} flights.",
            "Insurers estimate the damage at {N2} million euros, making Elva one of the costliest storms in the "
            "country's history.",
            "Scientists say warmer seas are making storms like Elva wetter. “We should expect more days like "
            "this, not fewer,” {P1s} said.",
            "{P0s} thanked volunteers from {ORG} who set up shelters in sports halls and churches. "
            "{P0p} office said more than {N2} people had spent the night away from home.",
            "Residents returning to the old town found mud up to the windowsills. Shopkeepers said they had "
            "lost their entire stock for the second time in five years.",
        ),
    ),
    Storyline(
        key="measles_outbreak",
        topic="health",
        cast=(
            Person("Health Minister", "Sofia", "Renner"),
            Person("Dr.", "Samuel", "Achebe"),
            Person("epidemiologist", "Mei", "Tanaka"),
            Person("nurse", "Rosa", "Delgado"),
        ),
        cities=("Amsterdam", "Lyon", "Krakow", "Manchester", "Dublin", "Copenhagen"),
        countries=("the Netherlands", "France", "Poland", "Denmark", "Ireland"),
        orgs=("the World Health Organization", "the public health institute"),
        titles=(
            "Measles cases rise to {N} as {CITY} schools close",
            "{P0} launches catch-up vaccination drive in {CITY}",
            "Doctors in {CITY} warn of winter pressure as {N} wards fill up",
            "New antiviral from Vantis Pharma cuts hospital stays in {COUNTRY} trial",
            "{P1} on the {CITY} outbreak: parents must not wait",
            "Waiting lists hit record {N2} as nurses strike in {CITY}",
        ),
        deks=(
            "Vaccination rates in some districts have fallen below eighty percent.",
            "Hospitals have postponed planned operations to free up beds.",
            "Health officials say the outbreak is still growing.",
        ),
        paragraphs=(
            "Health authorities in {CITY} have confirmed {N} cases of measles in the past month, the largest "
            "outbreak in the region for more than a decade, {ORG} said on {DAY}.",
            "{P0} announced a catch-up vaccination drive in schools and pharmacies. “Measles is not a mild "
            "illness, and it is entirely preventable,” {P0s} told reporters.",
            "{P1}, who leads the children's ward at St Anne's Hospital, said {N} children had been admitted "
            "with complications. {P1p} team has opened a second isolation unit.",
            "{P2} said falling vaccination rates since the pandemic had left pockets of the population "
            "unprotected. “The virus finds every gap,” {P2s} said.",
            "{P3}, a school nurse, said parents were queuing outside the clinic before it opened. "
            "“Many of them simply forgot that the second dose was due,” she said.",
            "Officials in {COUNTRY} have reported a smaller cluster linked to a family visit, and the "
            "World Health Organization has urged travellers to check their records.",
            "Hospitals in {CITY2} say the outbreak is adding to winter pressure, with {N2} patients already "
            "waiting for a bed on some evenings.",
            "Results of a trial published on {DAY} found that a new antiviral made by Vantis Pharma shortened "
            "hospital stays by {PCT} percent, though doctors cautioned it is not a substitute for vaccination.",
            "{P0s} said the government would fund {N} extra nurses for vaccination clinics over the summer.",
            "{P2s} expects cases to peak within three weeks if the catch-up drive reaches enough children.",
        ),
    ),
    Storyline(
        key="chip_factory",
        topic="technology",
        cast=(
            Person("chief executive", "Noor", "Haddad"),
            Person("Digital Minister", "Jonas", "Lindgren"),
            Person("security researcher", "Elif", "Sahin"),
            Person("analyst", "Oliver", "Grant"),
        ),
        cities=("Dresden", "Eindhoven", "Dublin", "Seoul", "Austin", "Tallinn"),
        countries=("Germany", "the Netherlands", "South Korea", "Estonia", "Ireland"),
        orgs=("the European Commission",),
        titles=(
            "Quillon Semiconductors to build {N} million euro chip plant near {CITY}",
            "{P0s} says the AI boom in {COUNTRY} has only just begun",
            "Researchers in {CITY} find flaw that lets attackers run code in comment boxes",
            "{P1} promises faster broadband for {N2} rural homes near {CITY}",
            "Regulators in {COUNTRY} fine Brightpath AI over leak of {N2} chatbot conversations",
            "Quillon shares jump {PCT}% on record chip orders from {COUNTRY}",
        ),
        deks=(
            "The plant would be the largest private investment in the region for twenty years.",
            "The company says demand for its chips will outstrip supply until next year.",
            "Security experts say millions of websites may be affected.",
        ),
        paragraphs=(
            "Quillon Semiconductors will build a chip factory near {CITY} at a cost of {N} million euros, "
            "{P0} announced on {DAY}, creating up to {N2} jobs.",
            "{P0s} told investors that demand from data centres had “changed the shape of the whole industry” "
            "and that the new plant would open within three years.",
            "{P1} welcomed the investment and said {ORG} had approved subsidies under its chips programme. "
            "“This is how we stop depending on factories on the other side of the world,” {P1s} said.",
            "{P2}, a security researcher based in {CITY2}, found that several popular blogging tools failed to "
            "clean comment fields, so text typed by a visitor could run as code in other readers' browsers.",
            "{P2s} demonstrated the flaw by posting a comment that displayed a pop-up window on every page "
            "that loaded it. {P2p} advice to site owners was to update their plugins immediately.",
            "{P3}, who covers the technology sector, said Quillon's shares had risen {PCT} percent since January. "
            "“Investors are betting that the shortage lasts,” {P3s} said.",
            "Brightpath AI was fined by the data protection authority after its chatbot exposed the "
            "conversations of {N2} users in {COUNTRY} for several hours.",
            "Environmental groups raised concerns about the water the plant will need, and local councillors in "
            "{CITY} asked for an independent study.",
            "{P1s} also promised faster broadband for rural homes, saying that {N2} households still rely on "
            "connections slower than ten megabits per second.",
            "Chip makers in {COUNTRY} are watching the project closely. {P3s} said a second plant could follow "
            "if the first one is delivered on time.",
        ),
    ),
)

# Topic families a reader of the corpus should recover; the manifest reports the family, not the story key.
TOPIC_OF_STORYLINE = {line.key: line.topic for line in STORYLINES}

# Short gossip headlines whose snippets continue the same words in lower case (not a title echo).
LOWERCASE_CONTINUATIONS: tuple[tuple[str, str], ...] = (
    ("Look at this", "Look at this and tell us what you notice in the picture of the lady in the second row. "
     "People cannot stop talking about it and nobody agrees on what she is holding."),
    ("Guess who is back", "Guess who is back in town after three years abroad and already causing a stir at "
     "the harbour market, where crowds gathered on Saturday morning."),
    ("You will not believe this", "You will not believe this story about a lost wedding ring that turned up "
     "inside a fish bought at the market nine years later."),
    ("Spot the difference", "Spot the difference between these two photos taken a week apart and let us know "
     "in the comments whether the palace has edited the second one."),
)

COMMENT_LINES: tuple[str, ...] = (
    "I have been saying this for months and nobody listened.",
    "Great reporting, thank you for covering this properly.",
    "Does anyone know where the original statement was published?",
    "This is the third time this year. Something has to change.",
    "My cousin lives near there and says it is much worse than this.",
    "Not sure I believe a word of it, to be honest.",
    "Thank you for the update, please keep us posted.",
    "Sending love to everyone affected.",
    "The comments here are better than the article.",
    "Who checks these facts before they are printed?",
)

COMMENTER_NAMES: tuple[str, ...] = (
    "Maggie R.", "tom_from_leeds", "Anonymous", "Priyanka", "J. Whitaker", "oldsailor", "Bea", "Rafa",
    "Carol Ann", "northern_lights", "Dieter", "Ngozi E.",
)

AUTHOR_NAMES: tuple[str, ...] = (
    "Hannah Brooks", "Daniel Osei", "Martina Rossi", "Peter Lindahl", "Aisha Khan", "Luis Moreno",
    "Fiona McLeod", "Kenji Watanabe", "Sarah Goldberg", "Tomasz Nowak", "Adaeze Obi", "Chris Dunmore",
)
