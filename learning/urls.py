from django.contrib.auth import views as auth_views
from django.urls import path

from learning.views import (
    accounts,
    exchange,
    gradebook,
    home,
    item_analysis,
    progress,
    quizzes,
    study,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("signup/", accounts.signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("whoami/", accounts.whoami, name="whoami"),
    path("account/", accounts.account, name="account"),
    path("study/read-date/", study.read_date, name="read-date"),
    path("study/<slug:slug>/", study.study_set, name="study"),
    path("study/<slug:slug>/answer/", study.answer, name="study-answer"),
    path("study/<slug:slug>/rate/", study.rate, name="study-rate"),
    path("study/<slug:slug>/undo/", study.undo, name="study-undo"),
    path("study/<slug:slug>/questions/<int:question_id>/flag/", study.flag, name="study-flag"),
    path("classes/join/", home.join, name="join-class"),
    path("progress/", progress.progress, name="progress"),
    path("quiz/<slug:slug>/start/", quizzes.start, name="quiz-start"),
    path("quiz/attempts/<int:attempt_id>/", quizzes.attempt, name="quiz-attempt"),
    path("quiz/attempts/<int:attempt_id>/answer/", quizzes.answer, name="quiz-answer"),
    path(
        "quiz/attempts/<int:attempt_id>/study-missed/",
        quizzes.study_missed,
        name="quiz-study-missed",
    ),
    path("teach/export/", exchange.export, name="export-questions"),
    path("teach/import/", exchange.import_questions, name="import-questions"),
    path("teach/sets/<int:set_id>/analysis/", item_analysis.item_analysis, name="item-analysis"),
    path("teach/classes/<int:classroom_id>/gradebook/", gradebook.gradebook, name="gradebook"),
    path(
        "teach/classes/<int:classroom_id>/gradebook.csv",
        gradebook.gradebook_csv,
        name="gradebook-csv",
    ),
    path(
        "teach/classes/<int:classroom_id>/students/<int:student_id>/",
        gradebook.student,
        name="teacher-student",
    ),
]
