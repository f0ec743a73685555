//! The fixture reports. Fictional: the Kestrel Valley Combined Authority's boards, officers and numbers
//! are invented (phone numbers in Ofcom's drama range 01632 960xxx, e-mail at `kestrelvalley.example`).
//!
//! Each function is one report: its [`Report`] (masthead and cover values) and its body, composed from
//! the [`Doc`] DSL. The comment above each says what it exercises.

use super::docx::{
    Image, Rev, b, bookmark, comment, del, field_link, footnote, i, ins, link, move_from, move_to,
    t,
};
use super::{
    Board, Cell, Contact, Cover, Date, Doc, Fixture, Labels, Marks, Masthead, Png, Recommendations,
    Report, Scheme, Table, VMerge,
};

const TRANSPORT_MEETING: Date = Date::new(2027, 3, 10);
const CHILDREN_MEETING: Date = Date::new(2027, 3, 17);

/// Every fixture, in a fixed order.
pub fn fixtures() -> Vec<Fixture> {
    vec![
        cover_table_auto_numbering(),
        cover_lines_typed_numbers(),
        empty_contact(),
        nested_lists_and_table(),
        tracked_changes(),
        images(),
        appendices(),
        letters_and_roman(),
    ]
}

/// Cover block as a two-column table (recommendations as bullets inside a cell, e-mail as a `mailto:`
/// link); body with automatic numbering that carries on across headings (1–3, heading, 4 with 4.1–4.3,
/// 5…), a bulleted list, bold and italic runs, an external hyperlink and a footnote.
fn cover_table_auto_numbering() -> Fixture {
    let report = Report {
        report_of: Some("Report of the Director of Transport and Infrastructure"),
        board: Board::Transport,
        date: TRANSPORT_MEETING,
        item: 4,
        title: "Bus Service Improvement Plan: Progress Report",
        labels: ["Purpose of report", "Summary", "Recommendations", "Action"],
        purpose: "For decision.",
        summary: "The Bus Service Improvement Plan has completed its first year. Services on the main corridors are more frequent and more punctual, and fares have been capped across all operators. This report sets out progress and proposes revised targets for the second year.",
        recommendations: Recommendations::Several {
            lead: "That the Board:",
            items: vec![
                "notes the progress made in the first year of the Bus Service Improvement Plan;",
                "approves the revised punctuality and patronage targets set out in paragraph 4; and",
                "agrees that officers consult operators on a capped fare for young people.",
            ],
            marks: Marks::Bullets,
        },
        action: "Officers to take forward the revised targets with the enhanced partnership board.",
        contact: Contact {
            name: "Megan Lloyd-Price",
            position: "Head of Bus Strategy",
            phone: "01632 960 241",
            email: "megan.lloyd-price@kestrelvalley.example",
        },
        masthead: Masthead::Labelled,
        cover: Cover::Table {
            contact: ["Contact officer", "Position", "Phone no", "E-mail"],
        },
        title_style: true,
    };
    report
        .begin()
        .heading(2, "Background")
        .auto_numbered(0, vec![
            t("The Combined Authority adopted its Bus Service Improvement Plan in June 2025, setting out how it and the eleven local bus operators would make services more frequent, more reliable and easier to use."),
            footnote("The plan was adopted under the enhanced partnership arrangements agreed with operators in 2024 and is reviewed every year."),
        ])
        .auto_numbered(0, "Funding of £18.6 million was confirmed for the three years to March 2028. Most of it is committed to bus priority measures on the A614 and the Harwick ring road.")
        .auto_numbered(0, vec![t("This report sets out progress in the first year and asks the Board to "), b("approve revised targets"), t(" for the second year.")])
        .heading(2, "Progress in the first year")
        .auto_numbered(0, "Delivery against the plan's three themes is summarised below.")
        .auto_numbered(1, "Frequency: eight routes now run every twelve minutes or better during the day, against a target of ten.")
        .auto_numbered(1, "Reliability: punctuality on the priority corridors has risen from 78 per cent to 84 per cent.")
        .auto_numbered(1, "Fares: the £2 single fare cap now applies to every operator's services within the Combined Authority area.")
        .auto_numbered(0, "Passenger views have been gathered through the annual passenger survey and the Combined Authority's own online panel. The main findings were:")
        .bullet(0, "satisfaction with journey times rose on every corridor where bus lanes were completed;")
        .bullet(0, "waiting facilities at rural stops remain the most common complaint; and")
        .bullet(0, vec![t("young people want "), i("simpler"), t(" tickets that work on every operator's buses.")])
        .auto_numbered(0, vec![
            t("Full survey results are published on the "),
            link("Transport Focus website", "https://www.transportfocus.org.uk/insight/your-bus-journey/"),
            t("."),
        ])
        .heading(2, "Financial implications")
        .auto_numbered(0, "The revised targets can be met within the confirmed funding. No further call on the Combined Authority's budget is proposed.")
        .heading(2, "Legal implications")
        .auto_numbered(0, "Changing the targets needs a formal variation of the enhanced partnership scheme, on which operators must be consulted.")
        .heading(2, "Equalities implications")
        .auto_numbered(0, "An equality impact assessment has been completed. It finds that lower fares benefit older people, disabled people and young people most, as they rely on buses more than other groups do.")
        .fixture("cover-table-auto-numbering", &report)
}

/// Cover block as lines with bold labels; contact lines with colons, tabs and uneven spaces; several
/// recommendations as "That the Board:" and typed "(a)"/"(b)"/"(c)" lines; body numbers typed as text
/// in mixed styles (`1. `, `2.1 `, `2.2. `, `6.<tab>`); a `_GoBack` bookmark; runs split mid-word.
fn cover_lines_typed_numbers() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Children,
        date: CHILDREN_MEETING,
        item: 5,
        title: "Home to School Transport for Children with Special Educational Needs",
        labels: [
            "Purpose of report",
            "Summary",
            "Recommendations",
            "Action/s",
        ],
        purpose: "For decision.",
        summary: "Spending on travel to school for children with special educational needs and disabilities has risen by a third in three years. This report proposes a draft travel assistance policy for consultation, offering families more choice and helping young people to travel independently where they can.",
        recommendations: Recommendations::Several {
            lead: "That the Board:",
            items: vec![
                "agrees the draft travel assistance policy for public consultation;",
                "notes the forecast overspend on the home to school transport budget; and",
                "asks officers to report back on the consultation in July 2027.",
            ],
            marks: Marks::TypedLetters,
        },
        action: "Officers to take forward the consultation as agreed by members.",
        contact: Contact {
            name: "Kwame Asante",
            position: "Senior Adviser",
            phone: "01632 960 118",
            email: "kwame.asante@kestrelvalley.example",
        },
        masthead: Masthead::Plain,
        cover: Cover::Lines {
            labels: Labels::Bold,
            contact: [
                "Contact officer:\t\t",
                "Position:   ",
                "Phone no:\t",
                "E-mail:\t",
            ],
        },
        title_style: false,
    };
    report
        .begin_with(Doc::new().fragmented())
        .heading(2, "Background")
        .typed("1.", " ", "Councils must arrange free travel to school for eligible children, including many children with special educational needs and disabilities (SEND).")
        .typed("2.", " ", "Demand for travel assistance across the four councils has grown quickly:")
        .typed("2.1", " ", "the number of children receiving transport rose from 1,140 to 1,530 between 2023 and 2026;")
        .typed("2.2.", " ", "the average cost of a journey rose by 31 per cent over the same period; and")
        .typed("2.3", " ", "a shortage of drivers and passenger assistants has left some routes hard to fill.")
        .heading(2, "Proposal")
        .typed("3.", " ", "The draft policy would offer personal travel budgets to families who would rather make their own arrangements.")
        .typed("4.", " ", "It would also widen independent travel training for young people aged 14 and over. Training would be offered to every young person whose plan says it is suitable.")
        .heading(2, "Implications for the Combined Authority")
        .typed("5.", " ", vec![
            bookmark("_GoBack"),
            t("The constituent councils would deliver the policy, with the Combined Authority buying routes that cross council boundaries on their behalf."),
        ])
        .heading(2, "Financial implications")
        .typed("6.", "\t", "The forecast overspend for 2026/27 is £2.3 million. Personal travel budgets are expected to save around £400,000 a year once established.")
        .heading(2, "Equalities implications")
        .typed("7.", " ", "Children with SEND and their families are the group most affected by the policy. A full equality impact assessment will be published with the consultation.")
        .fixture("cover-lines-typed-numbers", &report)
}

/// Contact labels present with empty values (tab-aligned, as templates arrive unfilled), one
/// recommendation sentence, heading-styled cover labels, and a stale `dc:title` left over from the
/// template. Body with automatic numbering, bullets under a numbered paragraph and 6.1–6.3.
fn empty_contact() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Children,
        date: CHILDREN_MEETING,
        item: 3,
        title: "Children’s Social Care Placements: Sufficiency Update",
        labels: ["Purpose", "Summary", "Recommendation", "Action"],
        purpose: "For discussion and direction.",
        summary: "Finding the right home for children in care close to where they live is getting harder. This paper sets out the current position across the four councils and suggests priorities for the placements working group.",
        recommendations: Recommendations::One(
            "That the Board discusses the sufficiency position and agrees the priorities for the placements working group set out in paragraph 6.",
        ),
        action: "Officers to take forward the work as directed by members.",
        contact: Contact::default(),
        masthead: Masthead::Labelled,
        cover: Cover::Lines {
            labels: Labels::Heading2,
            contact: [
                "Contact officer:\t\t",
                "Position:\t\t\t",
                "Telephone No:\t\t",
                "Email:\t\t\t",
            ],
        },
        title_style: false,
    };
    report
        .begin_with(Doc::new().core_title("Board report template"))
        .heading(2, "Background")
        .auto_numbered(0, "The four constituent councils look after 1,260 children between them, a rise of 9 per cent in two years.")
        .auto_numbered(0, "Finding the right placement close to home has become harder. Fewer than half of new placements last year were within the Combined Authority area.")
        .heading(2, "Issues")
        .auto_numbered(0, "Three pressures stand out:")
        .bullet(0, "a shortage of foster carers, particularly for teenagers and groups of brothers and sisters;")
        .bullet(0, "rising costs in the residential market, where weekly fees above £7,000 are now common; and")
        .bullet(0, "the use of unregistered settings as a last resort for children with the most complex needs.")
        .auto_numbered(0, "The councils began a shared campaign to recruit foster carers in January.")
        .heading(2, "Financial implications")
        .auto_numbered(0, "Placements are the largest single pressure on children’s services budgets. The councils spent £96 million on placements in 2025/26.")
        .heading(2, "Next steps")
        .auto_numbered(0, "The placements working group proposes to focus on:")
        .auto_numbered(1, "commissioning residential places jointly;")
        .auto_numbered(1, "helping foster carers to stay in the role; and")
        .auto_numbered(1, "better information about where children are placed and why.")
        .auto_numbered(0, "Officers will report progress to the Board in June.")
        .fixture("empty-contact", &report)
}

/// Nested bullets three levels deep; a numbered paragraph whose items are bullets; a `tblHeader` table
/// with a `caption` paragraph and a row merged across the grid (`gridSpan`); a second table with a
/// vertically merged cell (`vMerge`); two footnotes. Cover table with recommendations auto-numbered
/// inside a cell (a list the body's numbering must not continue).
fn nested_lists_and_table() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Transport,
        date: TRANSPORT_MEETING,
        item: 6,
        title: "Bus Patronage Recovery",
        labels: ["Purpose", "Summary", "Recommendation", "Action required"],
        purpose: "For information and comment.",
        summary: "Bus use across the Combined Authority area is at 93 per cent of its level before the pandemic, with urban routes recovering faster than rural ones. This report sets out the figures by quarter and proposes three actions to grow patronage.",
        recommendations: Recommendations::Several {
            lead: "That the Board:",
            items: vec![
                "notes the recovery in bus patronage set out in Table 1; and",
                "endorses the actions in paragraph 4 to grow patronage further.",
            ],
            marks: Marks::AutoNumbered,
        },
        action: "Officers to take forward the actions in paragraph 4.",
        contact: Contact {
            name: "Tomasz Wiśniewski",
            position: "Principal Transport Analyst",
            phone: "01632 960 377",
            email: "tomasz.wisniewski@kestrelvalley.example",
        },
        masthead: Masthead::Labelled,
        cover: Cover::Table {
            contact: ["Contact officer", "Position", "Phone no", "Email"],
        },
        title_style: true,
    };
    let quarters = Table::new(&[2400, 2400, 2400, 2200])
        .header(&[
            "Quarter",
            "2019/20 (millions)",
            "2025/26 (millions)",
            "Change",
        ])
        .row(&["April to June", "9.8", "9.1", "-7%"])
        .row(&["July to September", "9.4", "8.9", "-5%"])
        .row(&["October to December", "10.1", "9.3", "-8%"])
        .row(&["January to March", "9.6", "8.9", "-7%"])
        .row_cells(vec![
            Cell::new(b("Year")),
            Cell::new(b("38.9")),
            Cell::new(b("36.2")),
            Cell::new(b("-7%")),
        ])
        .row_cells(vec![
            Cell::new(i("Figures for January to March 2026 are provisional.")).span(4),
        ]);
    let costs = Table::new(&[3600, 2000, 3800])
        .header(&["Action", "Cost (£000)", "Funding"])
        .row_cells(vec![
            Cell::new("Marketing campaign"),
            Cell::new("120"),
            Cell::new("Bus Service Improvement Plan").vmerge(VMerge::Restart),
        ])
        .row_cells(vec![
            Cell::new("Evening journeys"),
            Cell::new("450"),
            Cell::paras(vec![]).vmerge(VMerge::Continue),
        ])
        .row(&["Rural services review", "60", "Transport revenue budget"]);
    report
        .begin()
        .heading(2, "Background")
        .auto_numbered(0, vec![
            t("Bus patronage fell sharply in 2020 and has recovered slowly since. This report compares the latest figures with the last full year before the pandemic."),
            footnote("Figures are boardings recorded by operators’ ticket machines, including concessionary journeys."),
        ])
        .auto_numbered(0, "The recovery has not been even across the area:")
        .bullet(0, "Urban routes")
        .bullet(1, "Harwick town services are back to 96 per cent of their 2019 levels.")
        .bullet(1, "Routes serving the hospital and the college have grown beyond their 2019 levels.")
        .bullet(2, "The 14 and 14A now carry more passengers than ever recorded.")
        .bullet(0, "Rural routes")
        .bullet(1, "Most rural services are at around 80 per cent of their 2019 levels.")
        .bullet(1, "Evening and Sunday journeys have recovered least.")
        .heading(2, "Patronage by quarter")
        .caption("Table 1: Bus patronage by quarter")
        .table(quarters)
        .blank()
        .auto_numbered(0, "Table 1 shows that patronage for the year as a whole is 7 per cent below its level before the pandemic.")
        .heading(2, "Proposed actions")
        .auto_numbered(0, "Officers propose three actions to grow patronage:")
        .bullet(1, "a marketing campaign aimed at people who stopped travelling by bus during the pandemic;")
        .bullet(1, "more evening journeys on the busiest urban routes; and")
        .bullet(1, "a review of rural services, drawing on the demand-responsive pilot around Ashby Fold.")
        .auto_numbered(0, "The cost of each action and how it would be funded are shown in Table 2.")
        .caption("Table 2: Cost of the proposed actions")
        .table(costs)
        .blank()
        .heading(2, "Financial implications")
        .auto_numbered(0, vec![
            t("The actions cost £630,000 in total, all met from existing budgets."),
            footnote("The Bus Service Improvement Plan allocation is ring-fenced for bus services and cannot be spent on other purposes."),
        ])
        .heading(2, "Equalities implications")
        .auto_numbered(0, "Rural residents without a car are most affected by low service levels, so the rural review will include an equality impact assessment.")
        .fixture("nested-lists-and-table", &report)
}

const HANNAH: Rev = Rev {
    author: "Hannah Brightwell",
    date: "2027-02-22T10:14:00Z",
};
const DANIEL: Rev = Rev {
    author: "Daniel Osei",
    date: "2027-02-23T15:40:00Z",
};

/// Tracked changes (Track changes on): `w:ins`/`w:del` runs by two authors, a `w:moveFrom`/`w:moveTo`
/// pair (moved text uses `w:t` at both ends), a numbered paragraph inserted and one deleted mark and
/// all (so the numbers after it shift once changes are accepted), and a reviewer's comment.
fn tracked_changes() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Children,
        date: CHILDREN_MEETING,
        item: 7,
        title: "Youth Voice Strategy 2027–2030",
        labels: ["Purpose of report", "Summary", "Recommendation", "Action"],
        purpose: "For decision.",
        summary: "A new strategy for hearing the views of children and young people has been drafted with young people themselves. It makes four commitments, including a youth budget that young people will allocate.",
        recommendations: Recommendations::One(
            "That the Board approves the Youth Voice Strategy 2027–2030 for publication.",
        ),
        action: "Officers to publish the strategy and an accessible version.",
        contact: Contact {
            name: "Hannah Brightwell",
            position: "Participation Lead",
            phone: "01632 960 154",
            email: "hannah.brightwell@kestrelvalley.example",
        },
        masthead: Masthead::Labelled,
        cover: Cover::Lines {
            labels: Labels::Heading2,
            contact: ["Contact officer: ", "Position: ", "Phone no: ", "E-mail: "],
        },
        title_style: false,
    };
    report
        .begin_with(Doc::new().track_revisions())
        .heading(2, "Background")
        .auto_numbered(0, vec![
            t("The current strategy for involving children and young people in decisions ends in March 2027. A new strategy has been drafted with the "),
            del(HANNAH, "Youth Parliament"),
            ins(HANNAH, "Kestrel Valley Youth Assembly"),
            t(" over the last six months."),
        ])
        .auto_numbered(0, vec![
            t("More than 900 young people took part in workshops, surveys and school visits. "),
            move_from(DANIEL, "move1", "Most of them were aged between 11 and 16. "),
            t("Their views shaped every section of the draft."),
        ])
        .deleted_numbered(HANNAH, 0, "The previous strategy was agreed without any consultation with young people.")
        .auto_numbered(0, vec![t("Participants came from every constituent council area. "), move_to(DANIEL, "move1", "Most of them were aged between 11 and 16.")])
        .heading(2, "The draft strategy")
        .auto_numbered(0, "The strategy makes four commitments:")
        .auto_numbered(1, "young people will be represented on each of the Combined Authority’s boards;")
        .inserted_numbered(DANIEL, 1, "every board report affecting young people will say how their views were sought;")
        .auto_numbered(1, vec![
            t("a youth budget of "),
            comment("Daniel Osei", "£50,000", "Finance to confirm this figure before the papers go out."),
            t(" a year will be allocated by young people themselves; and"),
        ])
        .auto_numbered(1, "progress will be reported to young people every year, in a format they choose.")
        .auto_numbered(0, vec![
            t("The Youth Assembly asked for an accessible version of the strategy to be published "),
            del(DANIEL, "at a later date"),
            ins(DANIEL, "at the same time"),
            t("."),
        ])
        .heading(2, "Financial implications")
        .auto_numbered(0, "The youth budget and support for the Youth Assembly cost £85,000 a year, met from the participation budget.")
        .heading(2, "Equalities implications")
        .auto_numbered(0, "The strategy aims to hear from young people who are seldom heard, including young carers, care leavers and young disabled people.")
        .fixture("tracked-changes", &report)
}

/// Three pictures: one with alt text, one with none (no `descr` at all), and one inside
/// `mc:AlternateContent` (a `w:drawing` choice and a VML `w:pict` fallback of the same picture), which a
/// reader that takes both branches would show twice.
fn images() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Transport,
        date: TRANSPORT_MEETING,
        item: 5,
        title: "Active Travel Corridors: Design Options",
        labels: ["Purpose of report", "Summary", "Recommendation", "Action"],
        purpose: "For decision.",
        summary: "Three design options for walking and cycling improvements on the Millwright Street corridor have been consulted on. This report sets out the options and the consultation results and recommends Option B.",
        recommendations: Recommendations::One(
            "That the Board agrees Option B as the preferred design for the Millwright Street corridor.",
        ),
        action: "Officers to prepare the detailed design and the business case for Option B.",
        contact: Contact {
            name: "Oluwaseun Adeyemi",
            position: "Active Travel Programme Manager",
            phone: "01632 960 209",
            email: "oluwaseun.adeyemi@kestrelvalley.example",
        },
        masthead: Masthead::Plain,
        cover: Cover::Table {
            contact: ["Contact officer", "Position", "Phone no", "E-mail"],
        },
        title_style: true,
    };
    let (red, green, blue, white, grey) = (
        [200, 30, 30],
        [40, 160, 70],
        [30, 80, 200],
        [255, 255, 255],
        [128, 128, 128],
    );
    let map = Png::from_rows(&[&[red, green], &[blue, white]]);
    let section = Png::from_rows(&[&[grey, green, grey], &[grey, green, grey]]);
    let visual = Png::from_rows(&[&[green, blue], &[blue, green]]);
    report
        .begin()
        .heading(2, "Background")
        .auto_numbered(0, "The Millwright Street corridor links Harwick station with the town centre and the college. It carries around 1,800 cyclists and 6,500 people on foot on a typical weekday.")
        .auto_numbered(0, "Figure 1 shows the corridor and the three sections where the options differ.")
        .para(Image::new(map, 150, 150).alt("Map of the Millwright Street corridor from Harwick station to the college, with the three sections where the options differ marked A, B and C"))
        .para(i("Figure 1: The Millwright Street corridor"))
        .heading(2, "Design options")
        .auto_numbered(0, "Option A keeps the existing kerb lines and adds painted cycle lanes.")
        .auto_numbered(0, "Option B builds a kerb-separated cycle track on both sides of the street, as the cross-section below shows.")
        .para(Image::new(section, 150, 100))
        .auto_numbered(0, "Option C closes the street to through traffic between 7am and 7pm.")
        .auto_numbered(0, "The visualisation of Option C used in the public consultation is reproduced below.")
        .para(Image::new(visual, 150, 150).alt("Visualisation of Millwright Street with planters closing the road to through traffic").with_vml_fallback())
        .heading(2, "Consultation")
        .auto_numbered(0, "Of the 1,240 people who responded, 58 per cent preferred Option B. Most of those who preferred Option C live on the street itself.")
        .heading(2, "Financial implications")
        .auto_numbered(0, "Option B is estimated to cost £3.9 million, within the allocation from the Active Travel Fund.")
        .fixture("images", &report)
}

/// A "Report of" line, bold cover labels, and a body that ends, after a page break, with two
/// heading-styled appendices: Appendix A with a captioned table, Appendix B with a bulleted action plan.
fn appendices() -> Fixture {
    let report = Report {
        report_of: Some("Report of the Director of Children’s Services"),
        board: Board::Children,
        date: CHILDREN_MEETING,
        item: 8,
        title: "Early Years Childcare Sufficiency Assessment 2027",
        labels: ["Purpose", "Summary", "Recommendation", "Action"],
        purpose: "For information.",
        summary: "The first joint assessment of childcare across the four councils finds enough places for three- and four-year-olds but gaps for younger children in several wards. The provider survey and an action plan are attached.",
        recommendations: Recommendations::One(
            "That the Board notes the findings of the childcare sufficiency assessment and the action plan at Appendix B.",
        ),
        action: "Officers to take forward the action plan with the constituent councils.",
        contact: Contact {
            name: "Priya Raman",
            position: "Early Years Commissioning Manager",
            phone: "01632 960 186",
            email: "priya.raman@kestrelvalley.example",
        },
        masthead: Masthead::Plain,
        cover: Cover::Lines {
            labels: Labels::Bold,
            contact: ["Contact officer: ", "Position: ", "Phone no: ", "Email: "],
        },
        title_style: false,
    };
    let places = Table::new(&[3400, 2000, 2000, 2000])
        .header(&["Provider type", "Places", "Vacancies", "Vacancy rate"])
        .row(&["Childminders", "1,980", "210", "11%"])
        .row(&["Day nurseries", "6,450", "380", "6%"])
        .row(&["Pre-schools", "2,120", "240", "11%"])
        .row(&["School nurseries", "1,310", "95", "7%"]);
    report
        .begin()
        .heading(2, "Background")
        .auto_numbered(0, "Each council must assess every year whether there is enough childcare in its area for working parents and for children taking up funded early education.")
        .auto_numbered(0, "The Combined Authority has coordinated a joint assessment for the first time this year, so that gaps across council boundaries can be seen.")
        .heading(2, "Findings")
        .auto_numbered(0, "Overall there are enough places for three- and four-year-olds, but there are gaps for younger children.")
        .auto_numbered(0, "The survey of providers is summarised at Appendix A, and the action plan is at Appendix B.")
        .heading(2, "Financial implications")
        .auto_numbered(0, "The action plan will be delivered within existing early years budgets.")
        .page_break()
        .heading(1, "Appendix A: Provider survey results")
        .para("The survey ran from 4 November to 13 December 2026. In total 412 providers responded, a response rate of 61 per cent.")
        .caption("Table A1: Places and vacancies by type of provider")
        .table(places)
        .blank()
        .para("A vacancy rate below 5 per cent suggests a shortage. No type of provider is below that level across the whole area, but several wards are.")
        .heading(1, "Appendix B: Action plan")
        .bullet(0, "Recruit 40 new childminders by March 2028, starting with the wards with the lowest vacancy rates.")
        .bullet(0, "Work with schools to open nursery classes for two-year-olds.")
        .bullet(0, "Publish a single online directory of childcare across the four councils.")
        .para("Progress will be reported to the Board every six months.")
        .fixture("appendices", &report)
}

/// Lettered `(a)` (`(%2)`, lowerLetter) and roman `i.` (`%3.`, lowerRoman, with `lvlRestart`)
/// sub-levels in lists that restart, around report numbering that reaches three levels (`4.2.1.`);
/// recommendations auto-numbered in the cover table; a hyperlink written as a `HYPERLINK` complex field;
/// runs split mid-word.
fn letters_and_roman() -> Fixture {
    let report = Report {
        report_of: None,
        board: Board::Transport,
        date: TRANSPORT_MEETING,
        item: 9,
        title: "Review of the Concessionary Travel Scheme",
        labels: ["Purpose of report", "Summary", "Recommendations", "Action"],
        purpose: "For decision.",
        summary: "The Combined Authority adds local enhancements to the national concessionary travel scheme. This review considers whether to extend companion passes for disabled people to all times of day and how that could be paid for.",
        recommendations: Recommendations::Several {
            lead: "That the Board:",
            items: vec![
                "agrees to keep free travel before 9.30am on weekdays for disabled pass holders;",
                "agrees to consult on extending companion passes to all times of day; and",
                "notes the cost of the options set out in paragraph 4.",
            ],
            marks: Marks::AutoNumbered,
        },
        action: "Officers to carry out the consultation and report back to the Board.",
        contact: Contact {
            name: "Gareth Pryce",
            position: "Concessionary Travel Manager",
            phone: "01632 960 330",
            email: "gareth.pryce@kestrelvalley.example",
        },
        masthead: Masthead::Labelled,
        cover: Cover::Table {
            contact: ["Contact officer", "Position", "Phone no", "E-mail"],
        },
        title_style: true,
    };
    report
        .begin_with(Doc::new().fragmented())
        .heading(2, "Background")
        .auto_numbered(0, "The Combined Authority runs the concessionary travel scheme on behalf of its constituent councils. It must offer free off-peak bus travel to older and disabled people under the national scheme, and may add local enhancements.")
        .auto_numbered(0, "The local enhancements are currently:")
        .numbered(Scheme::Letters, 1, "free travel before 9.30am for disabled pass holders;")
        .numbered(Scheme::Letters, 1, "a companion pass for disabled people who cannot travel alone; and")
        .numbered(Scheme::Letters, 1, "half-price travel on the Harwick tram for all pass holders.")
        .heading(2, "Options")
        .auto_numbered(0, "Officers have considered three options:")
        .restart(Scheme::Letters)
        .numbered(Scheme::Letters, 1, "Option 1: no change;")
        .numbered(Scheme::Letters, 1, "Option 2: extend companion passes to all times of day, which would:")
        .numbered(Scheme::Letters, 2, "help around 2,300 pass holders;")
        .numbered(Scheme::Letters, 2, "cost an estimated £310,000 a year; and")
        .numbered(Scheme::Letters, 2, "need changes to the smartcard system;")
        .numbered(Scheme::Letters, 1, "Option 3: end the half-price tram offer and use the saving to fund Option 2.")
        .auto_numbered(0, "The cost of each option is set out below.")
        .auto_numbered(1, "Option 1 has no additional cost.")
        .auto_numbered(1, "Option 2 would cost £310,000 a year, made up of:")
        .auto_numbered(2, "£260,000 in reimbursement to bus and tram operators; and")
        .auto_numbered(2, "£50,000 for administration and changes to the smartcard system.")
        .auto_numbered(1, "Option 3 would cost nothing overall, as the saving on the tram offer would cover Option 2.")
        .heading(2, "Legal implications")
        .auto_numbered(0, vec![
            t("The national scheme is set out in the "),
            field_link("Transport Act 2000", "https://www.legislation.gov.uk/ukpga/2000/38/contents"),
            t(". Local enhancements are discretionary and can be changed after consultation."),
        ])
        .heading(2, "Equalities implications")
        .auto_numbered(0, "Older and disabled people are the main users of the scheme, and any change would affect them most. An equality impact assessment will accompany the consultation.")
        .fixture("letters-and-roman", &report)
}
