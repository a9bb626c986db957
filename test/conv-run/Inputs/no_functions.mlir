// A valid module without functions.
module {
}
