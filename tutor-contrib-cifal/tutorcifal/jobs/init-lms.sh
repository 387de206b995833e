# CIFAL XBlocks (tutor-contrib-cifal): the tables of the results store (cifal_results, a plugin app of the LMS)
echo "Applying the migrations of cifal_results..."
./manage.py lms migrate cifal_results || {
    echo "ERROR: the migrations of cifal_results failed. If Django said 'No installed app with label', this openedx" >&2
    echo "       image lacks the CIFAL XBlocks: set CIFAL_XBLOCKS_REQUIREMENT and run tutor images build openedx." >&2
    exit 1
}
