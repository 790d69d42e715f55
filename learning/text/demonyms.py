"""A people and its state: "French" and "France", "Ottomans" and "Ottoman Empire". A typed
answer naming one is right in the other's words too."""

# The people (as an article writes them) -> the states or names that stand for them.
_STATES = {
    "french": ("France",),
    "english": ("England",),
    "british": ("Britain", "United Kingdom", "British Empire"),
    "spanish": ("Spain",),
    "spaniards": ("Spain",),
    "portuguese": ("Portugal",),
    "dutch": ("Netherlands", "Dutch Republic"),
    "germans": ("Germany",),
    "ottomans": ("Ottoman Empire",),
    "turks": ("Ottoman Empire", "Turkey"),
    "venetians": ("Venice", "Republic of Venice"),
    "genoese": ("Genoa", "Republic of Genoa"),
    "byzantines": ("Byzantine Empire",),
    "persians": ("Persia", "Achaemenid Empire"),
    "macedonians": ("Macedon",),
    "mongols": ("Mongol Empire",),
    "mamluks": ("Mamluk Sultanate",),
    "zulus": ("Zulu Kingdom",),
    "finns": ("Finland",),
    "soviets": ("Soviet Union",),
    "russians": ("Russia",),
    "swedes": ("Sweden",),
    "japanese": ("Japan", "Empire of Japan"),
    "americans": ("United States",),
}


def other_names(name: str) -> list[str]:
    """The other words for a people or its state: "French" -> ["France"], "Ottoman Empire" ->
    ["Ottomans"]; [] for any other name."""
    key = name.casefold().removeprefix("the ")
    if key in _STATES:
        return list(_STATES[key])
    return [
        people.capitalize()
        for people, states in _STATES.items()
        if any(state.casefold() == key for state in states)
    ]
