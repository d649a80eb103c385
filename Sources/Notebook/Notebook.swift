// The lesson model, cell runner and renderers live here (issue 3).
import LessonScript
