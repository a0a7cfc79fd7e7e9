"""Made-up people and organisations for the demo network (any likeness is chance)."""

FIRST_NAMES = (
    "Priya", "Siân", "Dafydd", "Grace", "Tomasz", "Aisha", "Rhys", "Margaret", "Kwame", "Eleri",
    "Jack", "Fatima", "Owain", "Zoë", "Imran", "Bethan", "Patrick", "Mei", "Llinos", "George",
    "Amara", "Huw", "Olivia", "Ravi", "Cerys", "Desmond", "Hannah", "Yusuf", "Gwen", "Liam",
    "Agnieszka", "Samuel", "Nia", "Chidi", "Ffion", "Ahmed", "Ruth", "Aled", "Sofia", "Winston",
    "Megan", "Hamza", "Carys", "Daniel", "Lowri", "Joseph", "Anjali", "Ieuan", "Bridget", "Kofi",
)

SURNAMES = (
    "Shah", "Jones", "Williams", "Evans", "Kowalski", "Okafor", "Thomas", "Hughes", "Mensah", "Davies",
    "O'Connor", "Khan", "Roberts", "Patel", "Lewis", "Morgan", "Nowak", "Begum", "Price", "Edwards",
    "Campbell", "Griffiths", "Ali", "Owen", "Chen", "Llewellyn", "Adeyemi", "Powell", "Singh", "Rees",
    "MacLeod", "Ahmed", "Pritchard", "Brown", "Jenkins", "Hussain", "Wright", "Parry", "Osei", "Lloyd",
)

# (name, kind)
ORGANISATIONS = (
    ("Riverside Carers Forum", "carer_led"),
    ("Valleys People First", "user_led"),
    ("Deaf Access Network", "user_led"),
    ("Hillside Mental Health Voices", "user_led"),
    ("Young Carers Together", "carer_led"),
    ("Older People's Forum East", "user_led"),
    ("Disability Action Alliance", "user_led"),
    ("Black and Minority Ethnic Health Link", "equality"),
    ("Rainbow Care Network", "equality"),
    ("Sight Loss Support Group", "user_led"),
    ("Learning Disability Self-Advocacy", "user_led"),
    ("Dementia Friends Circle", "voluntary"),
    ("Parent Carers Voice", "carer_led"),
    ("Autism Voices", "user_led"),
    ("Neighbourhood Care Co-op", "provider"),
    ("Home Support Partners", "provider"),
    ("Coastal Housing Association", "voluntary"),
    ("County Council Adult Services", "statutory"),
    ("Health Board Patient Experience", "statutory"),
    ("Citizens Advice Central", "voluntary"),
    ("Recovery College", "voluntary"),
    ("Brain Injury Peer Support", "user_led"),
    ("Stroke Survivors Club", "user_led"),
    ("Chronic Pain Collective", "user_led"),
    ("Refugee Welcome Project", "equality"),
    ("Gypsy and Traveller Wellbeing", "equality"),
    ("Wheelchair Users Forum", "user_led"),
    ("Shared Lives Carers", "carer_led"),
    ("Hearing Loss Café", "user_led"),
    ("Men's Sheds Cymru", "voluntary"),
    ("Community Transport Trust", "voluntary"),
    ("Advocacy Matters", "voluntary"),
    ("Kinship Carers Group", "carer_led"),
    ("Lived Experience Panel", "user_led"),
    ("Age Well Partnership", "voluntary"),
    ("Women's Health Forum", "equality"),
    ("Social Care Institute", "host"),
)

VENUES = (
    "Community Hall, High Street",
    "Resource Centre, Room 2",
    "Library Meeting Room",
    "Town Hall Committee Room",
)
